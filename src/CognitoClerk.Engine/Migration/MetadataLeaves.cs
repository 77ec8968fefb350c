using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Clerk user metadata seen as leaves by dotted path ("private_metadata.cognito.custom_attributes.tenant"),
    /// each leaf as canonical JSON text: objects are walked, anything else (a string, a number, an array) is a
    /// leaf. The payload the import sends and the metadata Clerk answers go through the same canonical form, so
    /// two leaves compare equal exactly when they are the same JSON.
    /// </summary>
    public static class MetadataLeaves
    {
        /// <summary>Every leaf of a payload's three metadata objects, public, private, unsafe.</summary>
        public static IEnumerable<KeyValuePair<string, string>> Of(ClerkCreateUserRequest request) =>
            Of(MetadataTarget.PublicRoot, ToJson(request.PublicMetadata))
                .Concat(Of(MetadataTarget.PrivateRoot, ToJson(request.PrivateMetadata)))
                .Concat(Of(MetadataTarget.UnsafeRoot, ToJson(request.UnsafeMetadata)));

        /// <summary>Every leaf under <paramref name="root"/> (one of the three roots), in the object's order.</summary>
        public static IEnumerable<KeyValuePair<string, string>> Of(string root, JsonObject? metadata)
        {
            var leaves = new List<KeyValuePair<string, string>>();
            if (metadata != null)
            {
                Walk(root, metadata, leaves);
            }

            return leaves;
        }

        /// <summary>A payload's metadata (nested dictionaries, lists, strings…) as the JSON Clerk will store.</summary>
        public static JsonObject? ToJson(IDictionary<string, object?>? metadata) =>
            metadata == null ? null : JsonSerializer.SerializeToNode(metadata)?.AsObject();

        /// <summary>The leaf at <paramref name="path"/> (root first) in the user's metadata, as canonical JSON; null when absent.</summary>
        public static string? Find(JsonObject? publicMetadata, JsonObject? privateMetadata, JsonObject? unsafeMetadata, string path)
        {
            string[] parts = path.Split('.');
            JsonNode? node = parts[0] switch
            {
                MetadataTarget.PublicRoot => publicMetadata,
                MetadataTarget.PrivateRoot => privateMetadata,
                MetadataTarget.UnsafeRoot => unsafeMetadata,
                _ => null,
            };

            for (int i = 1; i < parts.Length && node != null; i++)
            {
                node = node is JsonObject obj && obj.TryGetPropertyValue(parts[i], out JsonNode? child) ? child : null;
            }

            return node == null || node is JsonObject ? null : Canonical(node);
        }

        /// <summary>One form for a JSON value whichever side it came from.</summary>
        public static string Canonical(JsonNode node) => node.ToJsonString();

        /// <summary>The nested object that sets <paramref name="path"/> (under its root) to <paramref name="value"/> in a metadata merge; null removes.</summary>
        public static JsonObject Patch(string pathWithoutRoot, JsonNode? value)
        {
            string[] parts = pathWithoutRoot.Split('.');
            JsonNode? inner = value;
            for (int i = parts.Length - 1; i >= 1; i--)
            {
                inner = new JsonObject { [parts[i]] = inner };
            }

            return new JsonObject { [parts[0]] = inner };
        }

        /// <summary>The root of a dotted path ("private_metadata") and the path within it ("cognito.custom_attributes.tenant").</summary>
        public static (string Root, string Within) Split(string path)
        {
            int dot = path.IndexOf('.');
            return dot < 0 ? (path, string.Empty) : (path.Substring(0, dot), path.Substring(dot + 1));
        }

        private static void Walk(string prefix, JsonObject obj, List<KeyValuePair<string, string>> leaves)
        {
            foreach (KeyValuePair<string, JsonNode?> property in obj)
            {
                string path = prefix + "." + property.Key;
                if (property.Value is JsonObject child)
                {
                    Walk(path, child, leaves);
                }
                else if (property.Value != null)
                {
                    leaves.Add(new KeyValuePair<string, string>(path, Canonical(property.Value)));
                }
            }
        }
    }
}
