using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// The -IncludeGroups map's members keyed by sub: an open-addressing table of value types, one 20-byte slot
    /// per user (the sub as a Guid and the number of the user's group set), between half and three quarters full
    /// (it grows by half, so 27 to 40 bytes a member). The key is the whole sub, so every answer is exact; only the
    /// home slot comes from a hash. A <c>Dictionary&lt;Guid, int&gt;</c> costs 32 bytes a slot and grows to the next
    /// prime above twice its size (32 to 64 bytes a member): it left a third of a million members in 672,827 slots
    /// (21.5 MB), where this table holds them in 448,398 (9 MB).
    /// Not thread-safe: the map is built by one reader and then only read.
    /// </summary>
    internal sealed class CognitoMemberTable
    {
        private const int InitialSlots = 1024;

        // A Guid and an int: the size of Slot.
        private const int SlotBytes = 20;

        // Three quarters full at most, so linear probing stays short; growing by half leaves it half full.
        private const double MaxLoad = 0.75;

        private readonly Func<Guid, uint> _hash;
        private Slot[] _slots = new Slot[InitialSlots];

        public CognitoMemberTable()
            : this(SpreadHash)
        {
        }

        /// <summary>With another hash: tests use a weak one to make every key probe from the same slot.</summary>
        internal CognitoMemberTable(Func<Guid, uint> hash)
        {
            _hash = hash ?? throw new ArgumentNullException(nameof(hash));
        }

        public int Count { get; private set; }

        /// <summary>The table's size in bytes.</summary>
        public long Bytes => (long)_slots.Length * SlotBytes;


        /// <summary>The user's group set; false when the user is in none yet.</summary>
        public bool TryGetValue(Guid sub, out int set)
        {
            Slot slot = _slots[Find(sub)];
            set = slot.Set;
            return slot.Set != 0;
        }

        /// <summary>Sets the user's group set (never 0, which marks an empty slot: set 0 is "in no group", never stored).</summary>
        public void Set(Guid sub, int set)
        {
            if (set <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(set), set, "A stored group set is never the empty one.");
            }

            int index = Find(sub);
            if (_slots[index].Set == 0)
            {
                if (Count + 1 > _slots.Length * MaxLoad)
                {
                    Grow();
                    index = Find(sub);
                }

                Count++;
                _slots[index].Sub = sub;
            }

            _slots[index].Set = set;
        }

        /// <summary>A Guid's own hash folds its 16 bytes into 32 bits; the finaliser spreads them over the table.</summary>
        private static uint SpreadHash(Guid sub)
        {
            uint h = (uint)sub.GetHashCode();
            h ^= h >> 16;
            h *= 0x85ebca6b;
            h ^= h >> 13;
            h *= 0xc2b2ae35;
            h ^= h >> 16;
            return h;
        }

        /// <summary>
        /// The slot holding <paramref name="sub"/>, or the empty one where it would go (linear probing). The home slot
        /// maps the 32-bit hash onto the table by a multiply and a shift, so the table can be any size.
        /// </summary>
        private int Find(Guid sub)
        {
            int length = _slots.Length;
            int index = (int)(((ulong)_hash(sub) * (ulong)length) >> 32);
            while (_slots[index].Set != 0 && _slots[index].Sub != sub)
            {
                index = index + 1 == length ? 0 : index + 1;
            }

            return index;
        }

        private void Grow()
        {
            Slot[] old = _slots;
            _slots = new Slot[old.Length + (old.Length / 2)];
            foreach (Slot slot in old)
            {
                if (slot.Set != 0)
                {
                    _slots[Find(slot.Sub)] = slot;
                }
            }
        }

        private struct Slot
        {
            public Guid Sub;
            public int Set;
        }
    }
}
