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
                email_address = request.EmailAddress?.ToArray(),
                email_address_identification_status = request.EmailAddressIdentificationStatus?.ToArray(),
                phone_number = request.PhoneNumber?.ToArray(),
                phone_number_identification_status = request.PhoneNumberIdentificationStatus?.ToArray(),
                first_name = request.FirstName,
                last_name = request.LastName,
                username = request.Username,
                created_at = request.CreatedAt,
                private_metadata = ToHashtable(request.PrivateMetadata),
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
                PrivateMetadata = ToDictionary(digest.private_metadata),
            };
        }

        private static IList<string>? NullIfEmpty(string[]? values) =>
            values == null || values.Length == 0 ? null : values.ToList();

        private static Hashtable? ToHashtable(IDictionary<string, object?>? metadata)
        {
            if (metadata == null)
            {
                return null;
            }

            var table = new Hashtable();
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
                // A value an admin set from script arrives wrapped in a PSObject; the serializer needs the value itself.
                object? raw = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                object? value = raw is IDictionary nested ? ToDictionary(nested) : raw;
                dictionary[entry.Key.ToString() ?? string.Empty] = value;
            }

            return dictionary;
        }
    }
}
