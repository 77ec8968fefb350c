using System;
using System.Collections.Generic;
using System.Linq;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The three metadata objects of a migrated user, pure and offline: the same user and map always give the
    /// same metadata (so a re-run, and a later comparison with what Clerk holds, see the same values).
    /// <list type="bullet">
    /// <item>private_metadata.cognito: the Cognito username and pool, and every custom attribute the map does
    /// not move, under custom_attributes (custom:tenant → tenant, dev:custom:x → dev:x), as the strings Cognito holds;</item>
    /// <item>public_metadata.cognito_groups: the user's groups in order (precedence, then name), unless moved;
    /// users in no group get no key;</item>
    /// <item>every mapped source the user has, at its target; a source the user does not have writes nothing.</item>
    /// </list>
    /// </summary>
    public static class CognitoMetadataMapper
    {
        public const string ModuleRecordKey = "cognito";
        public const string CustomAttributesKey = "custom_attributes";

        /// <summary>Fills PublicMetadata, PrivateMetadata and UnsafeMetadata of <paramref name="request"/> (empty ones stay null).</summary>
        public static void Apply(CognitoUser user, string userPoolId, MetadataAttributeMap map, ClerkCreateUserRequest request)
        {
            if (user == null)
            {
                throw new ArgumentNullException(nameof(user));
            }

            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            map ??= MetadataAttributeMap.Empty;
            var roots = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal)
            {
                [MetadataTarget.PublicRoot] = new Dictionary<string, object?>(StringComparer.Ordinal),
                [MetadataTarget.PrivateRoot] = new Dictionary<string, object?>(StringComparer.Ordinal),
                [MetadataTarget.UnsafeRoot] = new Dictionary<string, object?>(StringComparer.Ordinal),
            };

            // Enough to find the user in Cognito again; nothing secret, nothing that changes between runs.
            var record = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["username"] = user.Username,
                ["user_pool_id"] = userPoolId,
            };
            roots[MetadataTarget.PrivateRoot][ModuleRecordKey] = record;

            Dictionary<string, object?>? custom = null;
            foreach (KeyValuePair<string, string?> attribute in user.Attributes)
            {
                string? key = MetadataAttributeMap.DefaultCustomAttributeKey(attribute.Key);
                if (key == null || attribute.Value == null || map.Moves(attribute.Key))
                {
                    continue;
                }

                custom ??= new Dictionary<string, object?>(StringComparer.Ordinal);
                custom[key] = attribute.Value;
            }

            if (custom != null)
            {
                record[CustomAttributesKey] = custom;
            }

            // A copy: the user's list may be shared with every user in the same groups.
            string[]? groups = user.Groups != null && user.Groups.Count > 0 ? user.Groups.ToArray() : null;
            if (groups != null)
            {
                Set(roots, map.GroupsTarget ?? MetadataTarget.DefaultGroups, groups);
            }

            foreach (KeyValuePair<string, MetadataTarget> moved in map.Attributes)
            {
                string? value = user.GetAttribute(moved.Key);
                if (value != null)
                {
                    Set(roots, moved.Value, value);
                }
            }

            request.PublicMetadata = NullIfEmpty(roots[MetadataTarget.PublicRoot]);
            request.PrivateMetadata = NullIfEmpty(roots[MetadataTarget.PrivateRoot]);
            request.UnsafeMetadata = NullIfEmpty(roots[MetadataTarget.UnsafeRoot]);
        }

        private static void Set(Dictionary<string, Dictionary<string, object?>> roots, MetadataTarget target, object value)
        {
            Dictionary<string, object?> node = roots[target.Root];
            for (int i = 0; i < target.Path.Count - 1; i++)
            {
                if (!(node.TryGetValue(target.Path[i], out object? child) && child is Dictionary<string, object?> next))
                {
                    // The map refuses overlapping targets, so nothing else is ever in the way here.
                    next = new Dictionary<string, object?>(StringComparer.Ordinal);
                    node[target.Path[i]] = next;
                }

                node = next;
            }

            node[target.Path[target.Path.Count - 1]] = value;
        }

        private static IDictionary<string, object?>? NullIfEmpty(Dictionary<string, object?> root) => root.Count == 0 ? null : root;
    }
}
