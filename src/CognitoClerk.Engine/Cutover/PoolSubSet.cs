using System;
using System.Collections.Generic;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// The subs of the whole pool, held compactly for the one question that needs them all at once: which Clerk
    /// users from this pool have a sub the pool no longer has (DeletedInCognito). Ten bytes a user: a 64-bit hash
    /// of the sub in an open-addressing table of value types, and two counters, so a million users cost about
    /// 14 MB (sized once from Cognito's estimate of the pool, at most 70 % full) instead of the 100+ MB of a set of
    /// strings.
    /// <para>
    /// A hash can collide, so an answer is only trusted where a collision cannot hide: a Clerk user whose hash
    /// is absent is certainly not in the pool (<see cref="SubMatch.Absent"/>). A Clerk user whose hash is
    /// present counts as present only when the status run's own exact lookups found that many pool users in
    /// Clerk under this hash (<see cref="MarkFound"/>): each sub has at most one Clerk user (external_id is
    /// unique), so a hash hit more often than it was found is a collision (<see cref="SubMatch.Contested"/>),
    /// and a hit on a hash nobody was found under is a collision or a user created since
    /// (<see cref="SubMatch.Ambiguous"/>). Those are settled by asking Cognito for that one sub.
    /// </para>
    /// Thread-safe: the pool is added on the reading thread while lookups mark what they found.
    /// </summary>
    public sealed class PoolSubSet
    {
        private const double MaxLoad = 0.7;

        private readonly object _lock = new object();
        private readonly Func<string, ulong> _hash;
        private ulong[] _keys;
        private byte[] _found;
        private byte[] _hits;
        private readonly HashSet<ulong> _contested = new HashSet<ulong>();

        /// <summary>The smallest table, for a pool of unknown size; it doubles as subs arrive.</summary>
        private const int MinimumSlots = 1024;

        /// <summary>Above this many users an estimate is not trusted to size the table up front (it still grows to fit).</summary>
        private const int MaxPresizedUsers = 100_000_000;

        public PoolSubSet()
            : this(StableHash.OfChars)
        {
        }

        /// <summary>
        /// Sized once for a pool of about <paramref name="expectedCount"/> users (Cognito's EstimatedNumberOfUsers):
        /// a table that grows by doubling leaves every smaller table behind as garbage on the large-object heap,
        /// which only a full collection frees, so a million subs would cost about twice the table's size at the peak.
        /// </summary>
        public PoolSubSet(int expectedCount)
            : this(StableHash.OfChars, expectedCount)
        {
        }

        /// <summary>With another hash function: tests use a weak one to make collisions happen.</summary>
        public PoolSubSet(Func<string, ulong> hash, int expectedCount = 0)
        {
            _hash = hash ?? throw new ArgumentNullException(nameof(hash));
            int slots = expectedCount > 0 && expectedCount <= MaxPresizedUsers
                ? Math.Max(MinimumSlots, (int)Math.Ceiling(expectedCount / MaxLoad) + 1)
                : MinimumSlots;
            _keys = new ulong[slots];
            _found = new byte[slots];
            _hits = new byte[slots];
        }

        /// <summary>Distinct hashes held (subs that collide count once).</summary>
        public int Count { get; private set; }

        /// <summary>The table's size in bytes: what the comparison costs.</summary>
        public long Bytes => (long)_keys.Length * (sizeof(ulong) + 2);

        /// <summary>Whether any hash was hit more often than it was found: then a second pass settles those users.</summary>
        public bool HasContested
        {
            get
            {
                lock (_lock)
                {
                    return _contested.Count > 0;
                }
            }
        }

        /// <summary>A sub read from the pool.</summary>
        public void Add(string sub)
        {
            ulong key = Key(sub);
            lock (_lock)
            {
                if ((Count + 1) > _keys.Length * MaxLoad)
                {
                    Grow();
                }

                int slot = Find(key);
                if (_keys[slot] == 0)
                {
                    _keys[slot] = key;
                    Count++;
                }
            }
        }

        /// <summary>The status run's exact lookup found this pool sub's Clerk user, recorded as coming from this pool.</summary>
        public void MarkFound(string sub)
        {
            ulong key = Key(sub);
            lock (_lock)
            {
                int slot = Find(key);
                if (_keys[slot] != 0 && _found[slot] < byte.MaxValue)
                {
                    _found[slot]++;
                }
            }
        }

        /// <summary>What the set can say of a Clerk user from this pool with this external_id. Call once per Clerk user.</summary>
        public SubMatch Match(string externalId)
        {
            ulong key = Key(externalId);
            lock (_lock)
            {
                return MatchLocked(key);
            }
        }

        /// <summary>In a second pass: whether this Clerk user's hash was contested, so it must be settled exactly.</summary>
        public bool IsContested(string externalId)
        {
            ulong key = Key(externalId);
            lock (_lock)
            {
                return _contested.Contains(key);
            }
        }

        private SubMatch MatchLocked(ulong key)
        {
            int slot = Find(key);
            if (_keys[slot] == 0)
            {
                return SubMatch.Absent;
            }

            if (_found[slot] == 0)
            {
                return SubMatch.Ambiguous;
            }

            if (_hits[slot] < byte.MaxValue)
            {
                _hits[slot]++;
            }

            if (_hits[slot] <= _found[slot])
            {
                return SubMatch.Present;
            }

            _contested.Add(key);
            return SubMatch.Contested;
        }

        /// <summary>0 marks an empty slot, so a hash of 0 is stored as 1 (one more harmless collision).</summary>
        private ulong Key(string value)
        {
            ulong key = _hash(value ?? throw new ArgumentNullException(nameof(value)));
            return key == 0 ? 1 : key;
        }

        /// <summary>
        /// The slot holding <paramref name="key"/>, or the empty slot where it would go (linear probing). The home
        /// slot maps the hash's high 32 bits onto the table by a multiply and a shift, so the table can be any size
        /// (sized to the pool, not rounded up to a power of two, which could nearly double it).
        /// </summary>
        private int Find(ulong key)
        {
            int length = _keys.Length;
            int slot = (int)(((key >> 32) * (ulong)length) >> 32);
            while (_keys[slot] != 0 && _keys[slot] != key)
            {
                slot = slot + 1 == length ? 0 : slot + 1;
            }

            return slot;
        }

        private void Grow()
        {
            ulong[] keys = _keys;
            byte[] found = _found;
            byte[] hits = _hits;
            _keys = new ulong[keys.Length * 2];
            _found = new byte[keys.Length * 2];
            _hits = new byte[keys.Length * 2];
            for (int i = 0; i < keys.Length; i++)
            {
                if (keys[i] != 0)
                {
                    int slot = Find(keys[i]);
                    _keys[slot] = keys[i];
                    _found[slot] = found[i];
                    _hits[slot] = hits[i];
                }
            }
        }
    }

    /// <summary>What <see cref="PoolSubSet.Match"/> can tell of a Clerk user's external_id.</summary>
    public enum SubMatch
    {
        /// <summary>Not in the pool: certain (a sub in the pool always leaves its hash).</summary>
        Absent,

        /// <summary>In the pool, as far as can be known without a collision the lookups would have shown.</summary>
        Present,

        /// <summary>The hash is in the pool but no lookup found a Clerk user under it: ask Cognito for this sub now.</summary>
        Ambiguous,

        /// <summary>The hash was hit more often than its users were found: settle every user under it in a second pass.</summary>
        Contested,
    }
}
