using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// The engine's CreateUser payload and the public <see cref="ClerkCognitoDigest"/>, both ways: the
    /// digest cmdlet writes one, New-ClerkMigratedUser sends one (possibly edited by the admin in between).
    /// </summary>
    internal static class DigestConverter
    {
        /// <summary>
        /// The digest of a mapped user, with the user it came from as SourceUser: the input itself when it was our own
        /// type, else the user as Get-CognitoMigrationUser would write it, in the pool the digest names.
        /// </summary>
        internal static ClerkCognitoDigest ToPublic(DigestResult result, object input)
        {
            CognitoMigrationUser? source = CognitoUserReader.TypedUserOf(input);
            if (source == null)
            {
                source = MigrationUserConverter.ToPublic(result.User);
                source.UserPoolId ??= result.UserPoolId;
            }

            return ToPublic(result.Request!, source);
        }

        internal static ClerkCognitoDigest ToPublic(ClerkCreateUserRequest request, CognitoMigrationUser? source)
        {
            return new ClerkCognitoDigest
            {
                password_hasher = request.PasswordHasher ?? ClerkCreateUserRequest.AwsCognitoHasher,
                password_digest = request.PasswordDigest ?? string.Empty,
                external_id = request.ExternalId,
                email_address = ToList(request.EmailAddress),
                email_address_identification_status = ToList(request.EmailAddressIdentificationStatus),
                phone_number = ToList(request.PhoneNumber),
                phone_number_identification_status = ToList(request.PhoneNumberIdentificationStatus),
                first_name = request.FirstName,
                last_name = request.LastName,
                username = request.Username,
                created_at = request.CreatedAt,
                public_metadata = ToHashtable(request.PublicMetadata),
                private_metadata = ToHashtable(request.PrivateMetadata),
                unsafe_metadata = ToHashtable(request.UnsafeMetadata),
                banned = request.Banned,
                SourceUser = source,
            };
        }

        internal static ClerkCreateUserRequest ToEngine(ClerkCognitoDigest digest)
        {
            return new ClerkCreateUserRequest
            {
                PasswordHasher = digest.password_hasher,
                PasswordDigest = digest.password_digest,
                ExternalId = digest.external_id,
                EmailAddress = NullIfEmpty(digest.email_address),
                EmailAddressIdentificationStatus = NullIfEmpty(digest.email_address_identification_status),
                PhoneNumber = NullIfEmpty(digest.phone_number),
                PhoneNumberIdentificationStatus = NullIfEmpty(digest.phone_number_identification_status),
                FirstName = digest.first_name,
                LastName = digest.last_name,
                Username = digest.username,
                CreatedAt = digest.created_at,
                PublicMetadata = ToDictionary(digest.public_metadata),
                PrivateMetadata = ToDictionary(digest.private_metadata),
                UnsafeMetadata = ToDictionary(digest.unsafe_metadata),
                Banned = digest.banned,
            };
        }

        /// <summary>
        /// A metadata value as the JSON serializer needs it: the value inside a PSObject (what an admin set from
        /// script arrives as), nested tables as dictionaries, lists (Cognito groups, arrays from ConvertFrom-Json)
        /// as arrays of plain values.
        /// </summary>
        private static object? ToEngineValue(object? value)
        {
            object? raw = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (raw is IDictionary nested)
            {
                return ToDictionary(nested);
            }

            if (raw is IEnumerable list && !(raw is string))
            {
                return list.Cast<object?>().Select(ToEngineValue).ToArray();
            }

            return raw;
        }

        private static IList<string>? NullIfEmpty(ClerkValueList? values) =>
            values == null || values.Count == 0 ? null : values.ToList();

        private static ClerkValueList? ToList(IEnumerable<string>? values) => values == null ? null : new ClerkValueList(values);

        private static ClerkMetadata? ToHashtable(IDictionary<string, object?>? metadata)
        {
            if (metadata == null)
            {
                return null;
            }

            var table = new ClerkMetadata();
            foreach (KeyValuePair<string, object?> pair in metadata)
            {
                table[pair.Key] = pair.Value is IDictionary<string, object?> nested ? ToHashtable(nested) : pair.Value;
            }

            return table;
        }

        private static IDictionary<string, object?>? ToDictionary(IDictionary? table)
        {
            if (table == null)
            {
                return null;
            }

            var dictionary = new Dictionary<string, object?>();
            foreach (DictionaryEntry entry in table)
            {
                dictionary[entry.Key.ToString() ?? string.Empty] = ToEngineValue(entry.Value);
            }

            return dictionary;
        }
    }
}
