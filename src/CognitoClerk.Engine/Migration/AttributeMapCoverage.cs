using System;
using System.Collections.Generic;
using System.Linq;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Which sources of an attribute map the users of a run had. A source a user lacks writes nothing for that user,
    /// as expected; a source that no user at all had is most likely misspelt (custom:Tenant for custom:tenant), so a
    /// run says so once, at the end. Cheap: it stops looking once every source has been seen.
    /// </summary>
    public sealed class AttributeMapCoverage
    {
        private readonly MetadataAttributeMap _map;
        private readonly HashSet<string> _found = new HashSet<string>(StringComparer.Ordinal);

        public AttributeMapCoverage(MetadataAttributeMap map)
        {
            _map = map ?? throw new ArgumentNullException(nameof(map));
        }

        /// <summary>Users noted so far.</summary>
        public int UsersNoted { get; private set; }

        public void Note(CognitoUser user)
        {
            UsersNoted++;
            if (_found.Count == _map.Count)
            {
                return;
            }

            foreach (KeyValuePair<string, MetadataTarget> moved in _map.Attributes)
            {
                if (user.GetAttribute(moved.Key) != null)
                {
                    _found.Add(moved.Key);
                }
            }

            if (_map.GroupsTarget != null && user.Groups != null && user.Groups.Count > 0)
            {
                _found.Add(MetadataAttributeMap.GroupsSource);
            }
        }

        /// <summary>The sources none of the noted users had (empty when no user was noted: there is nothing to judge by).</summary>
        public IReadOnlyList<string> NeverFound()
        {
            if (UsersNoted == 0)
            {
                return Array.Empty<string>();
            }

            IEnumerable<string> sources = _map.Attributes.Select(a => a.Key);
            if (_map.GroupsTarget != null)
            {
                sources = sources.Append(MetadataAttributeMap.GroupsSource);
            }

            return sources.Where(s => !_found.Contains(s)).ToList();
        }

        /// <summary>Why a source was found in nobody, in words, for the warning.</summary>
        public static string Explain(string source, int users) =>
            $"The attribute map's source '{source}' was found in none of the {users} converted user(s), so it was written for nobody " +
            (source == MetadataAttributeMap.GroupsSource
                ? "(read the users with their groups, or give them a Groups property)."
                : "(attribute names are case-sensitive, and custom ones start with custom:).");
    }
}
