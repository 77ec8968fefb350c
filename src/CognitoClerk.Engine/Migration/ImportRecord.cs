using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// What the import sent, kept with the Clerk user in <c>private_metadata.cognito.imported</c>: for each field
    /// the module set (first_name, last_name, email_address, phone_number, and each metadata leaf by dotted path
    /// other than the user's own Cognito username and pool), a short hash of the value sent. The cutover reads it
    /// to tell a value that came from Cognito and is still as it was sent (which a sync may bring up to date) from
    /// one that changed in Clerk since the import, or never came from Cognito (which a sync never touches).
    /// <para>
    /// Hashes rather than the values: a fixed 12 characters per field whatever the value (Clerk allows 8 KB of
    /// metadata in all), and no second copy of a person's name, email or phone in the metadata. A hash is the first
    /// 72 bits of SHA-256 of the value (emails lowercased, as Clerk compares them), base64url. While a sync changes
    /// a field, the field holds two hashes separated by a space, the old and the new ("-" standing for "nothing"),
    /// so that a change interrupted half way leaves the value recognised either way; the sync's last step keeps
    /// the new one only.
    /// </para>
    /// </summary>
    public sealed class ImportRecord
    {
        /// <summary>private_metadata.cognito, where the migration keeps the user's Cognito identity and this record.</summary>
        public const string CognitoKey = CognitoMetadataMapper.ModuleRecordKey;
        public const string RecordKey = "imported";
        public const string UsernameKey = "username";
        public const string UserPoolIdKey = "user_pool_id";

        public const string FirstName = "first_name";
        public const string LastName = "last_name";
        public const string EmailAddress = "email_address";
        public const string PhoneNumber = "phone_number";

        /// <summary>Stands for "no value" in a field's hashes while a change from nothing to something is under way.</summary>
        public const string Nothing = "-";

        /// <summary>One hasher per thread: creating one per value costs more than the hashing (a status run maps thousands of users).</summary>
        [ThreadStatic]
        private static SHA256? _sha256;

        private readonly Dictionary<string, HashSet<string>> _hashes;

        private ImportRecord(Dictionary<string, HashSet<string>> hashes) => _hashes = hashes;

        /// <summary>The fields the record names.</summary>
        public IEnumerable<string> Fields => _hashes.Keys;

        /// <summary>The record of <paramref name="request"/>: field → hash, for the payload's private_metadata.cognito.imported.</summary>
        public static SortedDictionary<string, object?> For(ClerkCreateUserRequest request)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var record = new SortedDictionary<string, object?>(StringComparer.Ordinal);
            Add(record, FirstName, request.FirstName);
            Add(record, LastName, request.LastName);
            Add(record, EmailAddress, First(request.EmailAddress));
            Add(record, PhoneNumber, First(request.PhoneNumber));
            foreach (KeyValuePair<string, string> leaf in MetadataLeaves.Of(request))
            {
                if (IsRecorded(leaf.Key))
                {
                    record[leaf.Key] = Hash(leaf.Key, leaf.Value);
                }
            }

            return record;
        }

        /// <summary>
        /// The record in a Clerk user's private metadata; null when there is none (a user this module created before
        /// it kept records, or one it did not create): then no field of theirs is known to have come from Cognito.
        /// </summary>
        public static ImportRecord? Read(JsonObject? privateMetadata)
        {
            if (privateMetadata?[CognitoKey] is not JsonObject cognito || cognito[RecordKey] is not JsonObject record)
            {
                return null;
            }

            var hashes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (KeyValuePair<string, JsonNode?> field in record)
            {
                if (field.Value is JsonValue value && value.TryGetValue(out string? text) && text != null)
                {
                    hashes[field.Key] = new HashSet<string>(text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
                }
            }

            return new ImportRecord(hashes);
        }

        /// <summary>Whether a metadata leaf (dotted path) is one the record covers: all but the user's Cognito identity, the record itself and the <see cref="AccessRecord"/>.</summary>
        public static bool IsRecorded(string metadataPath)
        {
            string cognito = MetadataTarget.PrivateRoot + "." + CognitoKey + ".";
            return metadataPath != cognito + UsernameKey
                && metadataPath != cognito + UserPoolIdKey
                && !metadataPath.StartsWith(cognito + RecordKey + ".", StringComparison.Ordinal)
                && !metadataPath.StartsWith(cognito + AccessRecord.RecordKey + ".", StringComparison.Ordinal);
        }

        /// <summary>72 bits of SHA-256, base64url: 12 characters. Emails are lowercased first (Clerk compares them without case).</summary>
        public static string Hash(string field, string value)
        {
            string normalized = field == EmailAddress ? value.Trim().ToLowerInvariant() : value;
            byte[] digest = (_sha256 ??= SHA256.Create()).ComputeHash(Encoding.UTF8.GetBytes(normalized));
            return Convert.ToBase64String(digest, 0, 9).Replace('+', '-').Replace('/', '_');
        }

        /// <summary>The merge patch (under private_metadata) that records <paramref name="hashes"/> for <paramref name="field"/>; no hash removes the field.</summary>
        public static JsonObject Patch(string field, params string[] hashes) =>
            new JsonObject
            {
                [CognitoKey] = new JsonObject
                {
                    [RecordKey] = new JsonObject { [field] = hashes.Length == 0 ? null : string.Join(" ", hashes) },
                },
            };

        /// <summary>
        /// True when Clerk's <paramref name="clerkValue"/> is what the import (or a later sync) set for
        /// <paramref name="field"/>: its hash is recorded, or the field is not recorded and Clerk holds nothing
        /// there either (nothing was sent, and nothing has been put there since).
        /// </summary>
        public bool IsAsImported(string field, string? clerkValue)
        {
            bool empty = string.IsNullOrEmpty(clerkValue);
            if (_hashes.TryGetValue(field, out HashSet<string>? hashes))
            {
                return hashes.Contains(empty ? Nothing : Hash(field, clerkValue!));
            }

            return empty;
        }

        /// <summary>
        /// The hashes <paramref name="field"/> holds while it changes to <paramref name="newValue"/>: what it holds now
        /// (or "nothing"), and the new one. Written before the change, so Clerk's value is recognised whether the
        /// change then happens or not.
        /// </summary>
        public string[] WhileChanging(string field, string? newValue)
        {
            var hashes = new List<string>();
            if (_hashes.TryGetValue(field, out HashSet<string>? now))
            {
                hashes.AddRange(now);
            }
            else
            {
                hashes.Add(Nothing);
            }

            string next = newValue == null ? Nothing : Hash(field, newValue);
            if (!hashes.Contains(next))
            {
                hashes.Add(next);
            }

            return hashes.ToArray();
        }

        /// <summary>The hashes a field holds once it is <paramref name="newValue"/>: its hash, or none (the field leaves the record) for nothing.</summary>
        public static string[] Settled(string field, string? newValue) =>
            newValue == null ? Array.Empty<string>() : new[] { Hash(field, newValue) };

        private static void Add(SortedDictionary<string, object?> record, string field, string? value)
        {
            if (value != null)
            {
                record[field] = Hash(field, value);
            }
        }

        private static string? First(IList<string>? values) => values == null || values.Count == 0 ? null : values[0];
    }
}
