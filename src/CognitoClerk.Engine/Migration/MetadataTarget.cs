using System;
using System.Collections.Generic;
using System.Linq;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// A place in a Clerk user's metadata: one of the three roots (public_metadata, private_metadata,
    /// unsafe_metadata) and a path of keys below it, written "public_metadata.tenant" or
    /// "private_metadata.billing.plan".
    /// </summary>
    public sealed class MetadataTarget
    {
        public const string PublicRoot = "public_metadata";
        public const string PrivateRoot = "private_metadata";
        public const string UnsafeRoot = "unsafe_metadata";

        private static readonly string[] Roots = { PublicRoot, PrivateRoot, UnsafeRoot };

        public MetadataTarget(string root, IReadOnlyList<string> path)
        {
            Root = root ?? throw new ArgumentNullException(nameof(root));
            Path = path ?? throw new ArgumentNullException(nameof(path));
        }

        /// <summary>public_metadata, private_metadata or unsafe_metadata.</summary>
        public string Root { get; }

        /// <summary>At least one key.</summary>
        public IReadOnlyList<string> Path { get; }

        /// <summary>Where the module puts a user's groups unless the map moves them.</summary>
        public static MetadataTarget DefaultGroups { get; } = new MetadataTarget(PublicRoot, new[] { "cognito_groups" });

        /// <summary>The module's own record of the Cognito user (username, pool, custom attributes): no map may write there.</summary>
        public static MetadataTarget ModuleRecord { get; } = new MetadataTarget(PrivateRoot, new[] { "cognito" });

        /// <summary>Reads "root.key[.key...]"; null with a reason when it is not one.</summary>
        public static MetadataTarget? TryParse(string? text, out string? problem)
        {
            problem = null;
            string trimmed = (text ?? string.Empty).Trim();
            if (trimmed.Length == 0)
            {
                problem = "the target is empty";
                return null;
            }

            string[] parts = trimmed.Split('.');
            string? root = Roots.FirstOrDefault(r => string.Equals(r, parts[0], StringComparison.OrdinalIgnoreCase));
            if (root == null)
            {
                problem = $"'{trimmed}' is not under public_metadata, private_metadata or unsafe_metadata, the only places Clerk keeps data of the application's own";
                return null;
            }

            if (parts.Length == 1)
            {
                problem = $"'{trimmed}' names the whole {root}; name a key below it, e.g. {root}.tenant";
                return null;
            }

            if (parts.Skip(1).Any(p => p.Trim().Length == 0))
            {
                problem = $"'{trimmed}' has an empty key between its dots";
                return null;
            }

            return new MetadataTarget(root, parts.Skip(1).ToArray());
        }

        /// <summary>True when one is the other or lies inside it (writing one would overwrite or break the other).</summary>
        public bool Overlaps(MetadataTarget other)
        {
            if (!string.Equals(Root, other.Root, StringComparison.Ordinal))
            {
                return false;
            }

            int shared = Math.Min(Path.Count, other.Path.Count);
            for (int i = 0; i < shared; i++)
            {
                if (!string.Equals(Path[i], other.Path[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public override string ToString() => Root + "." + string.Join(".", Path);
    }
}
