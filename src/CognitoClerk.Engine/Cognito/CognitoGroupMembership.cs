using System;
using System.Collections.Generic;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Which groups each user of a pool is in, held compactly so a pool of a million users fits: a user is one
    /// 20-byte slot of <see cref="CognitoMemberTable"/> (the sub as a Guid; a dictionary entry by username only when
    /// the sub is not a UUID) pointing at a shared "group set". Users in the same groups share one set, and a set's names are one array of the
    /// group names in their final order, so no user holds a list of its own. Sets are built by appending one
    /// group at a time in that order (groups are read one after another), through a small transition table.
    /// </summary>
    public sealed class CognitoGroupMembership
    {
        private static readonly string[] NoGroups = Array.Empty<string>();

        private readonly CognitoGroup[] _groups;
        // Set 0 is "in no group"; every other set is an earlier set plus one group.
        private readonly List<string[]> _setNames = new List<string[]> { NoGroups };
        private readonly List<int> _setLastGroup = new List<int> { -1 };
        private readonly Dictionary<long, int> _transitions = new Dictionary<long, int>();
        private readonly CognitoMemberTable _bySub = new CognitoMemberTable();
        private readonly Dictionary<string, int> _byUsername = new Dictionary<string, int>(StringComparer.Ordinal);
        private int _lastGroupAdded = -1;
        private long _memberships;

        /// <param name="groups">In any order: they are sorted here by precedence (lowest first, none last), then by name.</param>
        public CognitoGroupMembership(IEnumerable<CognitoGroup> groups)
        {
            if (groups == null)
            {
                throw new ArgumentNullException(nameof(groups));
            }

            var sorted = new List<CognitoGroup>(groups);
            sorted.Sort(CompareGroups);
            if (sorted.Count > ushort.MaxValue)
            {
                // Cognito allows 10,000 groups per pool; the transition key packs a group index in 16 bits.
                throw new ArgumentException($"{sorted.Count} groups are more than the {ushort.MaxValue} this map can hold.", nameof(groups));
            }

            _groups = sorted.ToArray();
        }

        /// <summary>The pool's groups in the order users' group lists follow.</summary>
        public IReadOnlyList<CognitoGroup> Groups => _groups;

        /// <summary>What the map of users to their group sets takes, in bytes (the sets themselves are shared and few).</summary>
        public long MemberBytes => _bySub.Bytes;

        /// <summary>Users in at least one group.</summary>
        public int MemberCount => _bySub.Count + _byUsername.Count;

        /// <summary>(user, group) pairs recorded.</summary>
        public long MembershipCount => _memberships;

        /// <summary>Different combinations of groups users are in (the empty one included).</summary>
        public int DistinctGroupSets => _setNames.Count;

        /// <summary>Precedence ascending, groups without one after all that have one, then name (ordinal, so the same everywhere).</summary>
        public static int CompareGroups(CognitoGroup a, CognitoGroup b)
        {
            if (a.Precedence.HasValue != b.Precedence.HasValue)
            {
                return a.Precedence.HasValue ? -1 : 1;
            }

            if (a.Precedence.HasValue && a.Precedence.Value != b.Precedence!.Value)
            {
                return a.Precedence.Value.CompareTo(b.Precedence.Value);
            }

            return string.CompareOrdinal(a.Name, b.Name);
        }

        /// <summary>
        /// Records that <paramref name="member"/> is in the group at <paramref name="groupIndex"/> (its place in
        /// <see cref="Groups"/>). Groups must be added in that order, one group's members after another's, so every
        /// user's list stays sorted without sorting; a member listed twice in one group counts once.
        /// </summary>
        public void Add(int groupIndex, string username, string? sub)
        {
            if (groupIndex < 0 || groupIndex >= _groups.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(groupIndex));
            }

            if (groupIndex < _lastGroupAdded)
            {
                throw new InvalidOperationException("Groups must be added in the order of Groups: group " + groupIndex + " after group " + _lastGroupAdded + ".");
            }

            _lastGroupAdded = groupIndex;
            if (TryKey(sub, out Guid key))
            {
                _bySub.TryGetValue(key, out int set);
                int next = Append(set, groupIndex);
                if (next != set)
                {
                    _bySub.Set(key, next);
                    _memberships++;
                }
            }
            else
            {
                _byUsername.TryGetValue(username, out int set);
                int next = Append(set, groupIndex);
                if (next != set)
                {
                    _byUsername[username] = next;
                    _memberships++;
                }
            }
        }

        /// <summary>The user's group names in order; empty (never null) when the user is in no group.</summary>
        public IReadOnlyList<string> GroupsOf(string username, string? sub)
        {
            int set;
            bool found = TryKey(sub, out Guid key)
                ? _bySub.TryGetValue(key, out set)
                : _byUsername.TryGetValue(username, out set);
            return found ? _setNames[set] : NoGroups;
        }

        /// <summary>
        /// A UUID sub is the compact key; anything else (a sub that is not a UUID, none at all) falls back to the
        /// username. The lower-case "D" form only: Guid parsing ignores case, and two subs that differ in case are two users.
        /// </summary>
        private static bool TryKey(string? sub, out Guid key)
        {
            key = Guid.Empty;
            return sub != null && sub.Length == 36 && Guid.TryParseExact(sub, "D", out key) && IsCanonical(sub);
        }

        private static bool IsCanonical(string sub)
        {
            foreach (char c in sub)
            {
                if (c >= 'A' && c <= 'F')
                {
                    return false;
                }
            }

            return true;
        }

        private int Append(int set, int groupIndex)
        {
            if (_setLastGroup[set] == groupIndex)
            {
                return set; // Listed twice in the same group (a page repeated).
            }

            long transition = ((long)set << 16) | (uint)groupIndex;
            if (_transitions.TryGetValue(transition, out int next))
            {
                return next;
            }

            string[] previous = _setNames[set];
            var names = new string[previous.Length + 1];
            Array.Copy(previous, names, previous.Length);
            names[previous.Length] = _groups[groupIndex].Name;
            next = _setNames.Count;
            _setNames.Add(names);
            _setLastGroup.Add(groupIndex);
            _transitions.Add(transition, next);
            return next;
        }
    }
}
