using System;
using System.Collections.Generic;
using System.Linq;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Where named Cognito values go in the Clerk user's metadata instead of their default place: a custom
    /// attribute ("custom:tenant", "dev:custom:legacy_id"), the user's groups ("groups"), or any other Cognito
    /// attribute ("locale", "zoneinfo"), each to one <see cref="MetadataTarget"/>.
    /// <para>
    /// What cannot apply to anyone is refused here, once: a target outside the three metadata roots or
    /// without a key, two sources in one place (or one inside the other), a target in the module's own
    /// private_metadata.cognito record, or in public_metadata.cognito_groups while the groups still go there.
    /// What depends on the user is not an error: a source this user does not have simply writes nothing.
    /// </para>
    /// </summary>
    public sealed class MetadataAttributeMap
    {
        /// <summary>The source name that stands for the user's Cognito groups (not an attribute).</summary>
        public const string GroupsSource = "groups";

        public const string CustomPrefix = "custom:";
        public const string DeveloperCustomPrefix = "dev:custom:";

        /// <summary>Cognito attribute names are at most 32 characters (custom: plus 20, dev:custom: plus 20); a little slack for new ones.</summary>
        private const int MaxSourceLength = 64;

        private readonly Dictionary<string, MetadataTarget> _attributes;

        private MetadataAttributeMap(Dictionary<string, MetadataTarget> attributes, MetadataTarget? groups)
        {
            _attributes = attributes;
            GroupsTarget = groups;
        }

        /// <summary>No moves: every value in its default place.</summary>
        public static MetadataAttributeMap Empty { get; } = new MetadataAttributeMap(new Dictionary<string, MetadataTarget>(StringComparer.Ordinal), null);

        /// <summary>Where the groups go when moved; null for the default, public_metadata.cognito_groups.</summary>
        public MetadataTarget? GroupsTarget { get; }

        /// <summary>Attribute name to target, sorted by name so a user's payload is built the same way every time.</summary>
        public IEnumerable<KeyValuePair<string, MetadataTarget>> Attributes => _attributes.OrderBy(a => a.Key, StringComparer.Ordinal);

        public int Count => _attributes.Count + (GroupsTarget == null ? 0 : 1);

        /// <summary>True when the attribute is moved (and so not also written to its default place).</summary>
        public bool Moves(string attributeName) => _attributes.ContainsKey(attributeName);

        /// <summary>
        /// Reads source → target pairs (a PowerShell hashtable's entries). A null or empty map is <see cref="Empty"/>.
        /// </summary>
        /// <exception cref="AttributeMapException">Every problem found, in one message, with what to write instead.</exception>
        public static MetadataAttributeMap Parse(IEnumerable<KeyValuePair<string, string?>>? entries)
        {
            if (entries == null)
            {
                return Empty;
            }

            var problems = new List<string>();
            var attributes = new Dictionary<string, MetadataTarget>(StringComparer.Ordinal);
            MetadataTarget? groups = null;
            var placed = new List<KeyValuePair<string, MetadataTarget>>();

            foreach (KeyValuePair<string, string?> entry in entries)
            {
                string source = (entry.Key ?? string.Empty).Trim();
                string? sourceProblem = CheckSource(source);
                if (sourceProblem != null)
                {
                    problems.Add(sourceProblem);
                    continue;
                }

                MetadataTarget? target = MetadataTarget.TryParse(entry.Value, out string? targetProblem);
                if (target == null)
                {
                    problems.Add($"'{source}': {targetProblem}.");
                    continue;
                }

                if (target.Overlaps(MetadataTarget.ModuleRecord))
                {
                    problems.Add($"'{source}': {target} is inside private_metadata.cognito, the module's own record of the Cognito user " +
                        "(username, pool, custom attributes). Choose another key, e.g. private_metadata.app.");
                    continue;
                }

                bool isGroups = string.Equals(source, GroupsSource, StringComparison.OrdinalIgnoreCase);
                if (isGroups)
                {
                    if (groups != null)
                    {
                        problems.Add($"'{source}': the groups are mapped twice.");
                        continue;
                    }

                    groups = target;
                }
                else if (attributes.ContainsKey(source))
                {
                    problems.Add($"'{source}' is mapped twice.");
                    continue;
                }
                else
                {
                    attributes.Add(source, target);
                }

                placed.Add(new KeyValuePair<string, MetadataTarget>(isGroups ? GroupsSource : source, target));
            }

            if (groups == null)
            {
                // The groups keep their default place: nothing else may be written there.
                placed.Add(new KeyValuePair<string, MetadataTarget>(GroupsSource + " (default place)", MetadataTarget.DefaultGroups));
            }

            for (int i = 0; i < placed.Count; i++)
            {
                for (int j = i + 1; j < placed.Count; j++)
                {
                    if (placed[i].Value.Overlaps(placed[j].Value))
                    {
                        problems.Add($"'{placed[i].Key}' ({placed[i].Value}) and '{placed[j].Key}' ({placed[j].Value}) would be written to the same place.");
                    }
                }
            }

            if (problems.Count > 0)
            {
                throw new AttributeMapException(
                    "The attribute map cannot be used: " + string.Join(" ", problems) +
                    " Each key names a Cognito source (custom:<name>, dev:custom:<name>, groups, or another attribute such as locale) " +
                    "and each value a place: public_metadata.<key>, private_metadata.<key> or unsafe_metadata.<key>, dots for nested keys.");
            }

            return new MetadataAttributeMap(attributes, groups);
        }

        /// <summary>
        /// The key a custom attribute gets under private_metadata.cognito.custom_attributes by default: the name
        /// without "custom:" (custom:tenant → tenant, dev:custom:tenant → dev:tenant); null for other attributes.
        /// </summary>
        public static string? DefaultCustomAttributeKey(string attributeName)
        {
            if (attributeName.StartsWith(CustomPrefix, StringComparison.Ordinal) && attributeName.Length > CustomPrefix.Length)
            {
                return attributeName.Substring(CustomPrefix.Length);
            }

            if (attributeName.StartsWith(DeveloperCustomPrefix, StringComparison.Ordinal) && attributeName.Length > DeveloperCustomPrefix.Length)
            {
                return "dev:" + attributeName.Substring(DeveloperCustomPrefix.Length);
            }

            return null;
        }

        private static string? CheckSource(string source)
        {
            if (source.Length == 0)
            {
                return "A source name is empty.";
            }

            if (source.Length > MaxSourceLength || source.Any(char.IsWhiteSpace))
            {
                return $"'{source}' is not a Cognito attribute name (no spaces, at most {MaxSourceLength} characters).";
            }

            if (string.Equals(source, CustomPrefix, StringComparison.Ordinal) || string.Equals(source, DeveloperCustomPrefix, StringComparison.Ordinal)
                || source.EndsWith(":", StringComparison.Ordinal))
            {
                return $"'{source}' names no attribute: write custom:<name>, as Cognito does.";
            }

            return null;
        }
    }
}
