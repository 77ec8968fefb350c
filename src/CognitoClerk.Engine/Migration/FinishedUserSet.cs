using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The users a journal says are finished, in 16 bytes each: the 64-bit hash of the user's key and the file
    /// offset of the record that finished them, in one array of structs (open addressing, linear probing, at most
    /// three quarters full). No string and no object per user: 1,000,000 finished users take 1,333,334 slots,
    /// 21 MB, where a dictionary of strings and records held about 265 MB. The table has any size, not a power of
    /// two (a slot is the hash's top 32 bits scaled to it), so that a journal can size it once for the users it
    /// holds (<see cref="Reserve"/>) instead of doubling through ever larger arrays that the GC frees only later.
    /// <para>
    /// Exact, not probabilistic: an equal hash is never taken as the same user. Every entry with the key's hash is
    /// checked against the record at its offset (<see cref="JournalRecordMatch"/>), so two users whose keys collide
    /// get an entry each, and a lookup answers only with a record that names the user asked about. Users are
    /// distinct in almost every hash, so the journal file is read only for users that are found, and in the rare
    /// collision.
    /// </para>
    /// Not thread-safe: the journal calls it under its lock.
    /// </summary>
    internal sealed class FinishedUserSet
    {
        private const int MinimumCapacity = 16;

        private readonly JournalKeyHasher _hash;
        private readonly JournalRecordMatch _isRecordOf;
        private Entry[] _entries;

        public FinishedUserSet(JournalKeyHasher hash, JournalRecordMatch isRecordOf)
        {
            _hash = hash;
            _isRecordOf = isRecordOf;
            _entries = new Entry[MinimumCapacity];
        }

        /// <summary>Users in the set.</summary>
        public int Count { get; private set; }

        /// <summary>Slots in the table; it grows by half when three quarters are taken.</summary>
        public int Capacity => _entries.Length;

        /// <summary>Makes room for <paramref name="users"/> users in all, so that adding them does not grow the table.</summary>
        public void Reserve(int users)
        {
            long needed = (long)users * 4 / 3 + 1;
            if (needed > _entries.Length)
            {
                Resize((int)Math.Min(needed, int.MaxValue / 2));
            }
        }

        /// <summary>Records that <paramref name="key"/>'s user is finished by the record at <paramref name="offset"/>, replacing an earlier one.</summary>
        public void Put(ReadOnlySpan<byte> key, long offset)
        {
            if (offset < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), offset, "A file offset is not negative.");
            }

            ulong hash = _hash(key);
            int index = IndexOf(hash, key);
            if (index >= 0)
            {
                _entries[index].OffsetPlusOne = offset + 1;
                return;
            }

            if (Count + 1 > (long)_entries.Length * 3 / 4)
            {
                Resize(_entries.Length + _entries.Length / 2);
                index = ~FreeSlotFor(hash);
            }

            _entries[~index] = new Entry { Hash = hash, OffsetPlusOne = offset + 1 };
            Count++;
        }

        /// <summary>Takes <paramref name="key"/>'s user out (a later record says they are not finished); false when it was not in.</summary>
        public bool Remove(ReadOnlySpan<byte> key)
        {
            int hole = IndexOf(_hash(key), key);
            if (hole < 0)
            {
                return false;
            }

            // Backward-shift deletion: move later entries of the run into the hole when the hole lies on their
            // probe path (from their home slot to where they are), so no tombstones pile up and every run stays
            // unbroken for the lookups that walk it.
            int next = hole;
            while (true)
            {
                next = Next(next);
                if (_entries[next].OffsetPlusOne == 0)
                {
                    break;
                }

                int home = SlotOf(_entries[next].Hash);
                if (Distance(home, next) >= Distance(hole, next))
                {
                    _entries[hole] = _entries[next];
                    hole = next;
                }
            }

            _entries[hole] = default;
            Count--;
            return true;
        }

        /// <summary>The offset of the record that finished <paramref name="key"/>'s user, if they are in the set.</summary>
        public bool TryFind(ReadOnlySpan<byte> key, out long offset)
        {
            int index = IndexOf(_hash(key), key);
            offset = index >= 0 ? _entries[index].OffsetPlusOne - 1 : -1;
            return index >= 0;
        }

        /// <summary>The entry's index, or the complement of the free slot where the run of its hash ends.</summary>
        private int IndexOf(ulong hash, ReadOnlySpan<byte> key)
        {
            for (int index = SlotOf(hash); ; index = Next(index))
            {
                Entry entry = _entries[index];
                if (entry.OffsetPlusOne == 0)
                {
                    return ~index;
                }

                if (entry.Hash == hash && _isRecordOf(entry.OffsetPlusOne - 1, key))
                {
                    return index;
                }
            }
        }

        private int FreeSlotFor(ulong hash)
        {
            int index = SlotOf(hash);
            while (_entries[index].OffsetPlusOne != 0)
            {
                index = Next(index);
            }

            return index;
        }

        /// <summary>The home slot: the hash's top 32 bits scaled to the table (multiply and shift, no division).</summary>
        private int SlotOf(ulong hash) => (int)(((hash >> 32) * (ulong)_entries.Length) >> 32);

        private int Next(int index) => index + 1 == _entries.Length ? 0 : index + 1;

        /// <summary>How many steps forward, wrapping round, from slot <paramref name="from"/> to slot <paramref name="to"/>.</summary>
        private int Distance(int from, int to) => to >= from ? to - from : to + _entries.Length - from;

        private void Resize(int capacity)
        {
            Entry[] old = _entries;
            _entries = new Entry[capacity];
            foreach (Entry entry in old)
            {
                if (entry.OffsetPlusOne != 0)
                {
                    // Entries are distinct users already: no record needs reading to place them.
                    _entries[FreeSlotFor(entry.Hash)] = entry;
                }
            }
        }

        private struct Entry
        {
            public ulong Hash;

            /// <summary>The record's offset plus one, so that a zeroed slot (0) is a free one.</summary>
            public long OffsetPlusOne;
        }
    }
}
