using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Reads digests from New-ClerkMigratedUser's input: the typed <see cref="ClerkCognitoDigest"/> that
    /// ConvertTo-ClerkCognitoDigest writes, and the same payload after a round trip through a file
    /// (Export-Clixml/Import-Clixml, ConvertTo-Json/ConvertFrom-Json): any object with a password_digest
    /// property. Only the CreateUser fields the digest type declares are read; anything else on the object
    /// (SourceUser, notes an admin added) is never sent.
    /// </summary>
    internal static class DigestInputReader
    {
        /// <summary>The ErrorId for an object that looks like a digest but cannot be sent.</summary>
        internal const string DigestInvalid = "ClerkDigestInvalid";

        /// <summary>For a not-migratable marker that lost its ErrorId on the way (a hand-edited file).</summary>
        internal const string NotMigratable = "CognitoUserNotMigratable";

        private const string PasswordDigestProperty = "password_digest";

        /// <summary>True when the input is a digest in either form; <paramref name="result"/> then says what to do with it.</summary>
        internal static bool TryRead(PSObject input, out MigrationInput? result)
        {
            result = null;
            ClerkCognitoDigest? digest = input.BaseObject as ClerkCognitoDigest;
            if (digest == null)
            {
                if (input.Properties[PasswordDigestProperty] == null)
                {
                    return false;
                }

                digest = FromProperties(input);
            }

            result = ToInput(input, digest);
            return true;
        }

        private static MigrationInput ToInput(PSObject input, ClerkCognitoDigest digest)
        {
            string? username = digest.SourceUser?.Username ?? MetadataValue(digest.private_metadata, "username");
            string? pool = digest.SourceUser?.UserPoolId ?? MetadataValue(digest.private_metadata, "user_pool_id");
            if (pool == null && AwsCognitoDigestParts(digest.password_digest, out string? digestPool, out string? identifier))
            {
                pool = digestPool;
                username ??= identifier;
            }

            string? email = digest.email_address?.FirstOrDefault();
            if (!digest.Migratable)
            {
                // ConvertTo-ClerkCognitoDigest's marker for a user who cannot be migrated: it already reported why.
                string errorId = string.IsNullOrWhiteSpace(digest.ErrorId) ? NotMigratable : digest.ErrorId!;
                var reported = new ErrorRecord(
                    new InvalidOperationException(digest.Reason ?? "ConvertTo-ClerkCognitoDigest found that this user cannot be migrated."),
                    errorId,
                    ErrorCategory.InvalidData,
                    input.BaseObject);
                reported.CategoryInfo.TargetName = username ?? digest.external_id ?? email ?? string.Empty;
                return MigrationInput.NotMigratableMarker(input.BaseObject, reported, errorId, username, pool, email, digest.external_id);
            }

            string? problem = Check(digest);
            if (problem != null)
            {
                var error = new ErrorRecord(new ArgumentException(problem), DigestInvalid, ErrorCategory.InvalidData, input.BaseObject);
                error.CategoryInfo.TargetName = username ?? digest.external_id ?? email ?? string.Empty;
                return MigrationInput.NotSendable(input.BaseObject, error, DigestInvalid, false, username, pool, email, digest.external_id);
            }

            ClerkCreateUserRequest request = DigestConverter.ToEngine(digest);
            return MigrationInput.ToSend(input.BaseObject, new MigrationWorkItem(request, username, pool, input.BaseObject));
        }

        private static string? Check(ClerkCognitoDigest digest)
        {
            if (string.IsNullOrWhiteSpace(digest.password_digest))
            {
                return "The digest has no password_digest; without it the user could not sign in with the Cognito password.";
            }

            if (string.IsNullOrWhiteSpace(digest.password_hasher))
            {
                return "The digest has no password_hasher.";
            }

            if (Length(digest.email_address_identification_status) > 0 && Length(digest.email_address_identification_status) != Length(digest.email_address))
            {
                return "email_address_identification_status must have one entry per email_address.";
            }

            if (Length(digest.phone_number_identification_status) > 0 && Length(digest.phone_number_identification_status) != Length(digest.phone_number))
            {
                return "phone_number_identification_status must have one entry per phone_number.";
            }

            return null;
        }

        private static int Length(ClerkValueList? values) => values?.Count ?? 0;

        private static ClerkCognitoDigest FromProperties(PSObject input)
        {
            return new ClerkCognitoDigest
            {
                password_hasher = Text(input, "password_hasher") ?? ClerkCreateUserRequest.AwsCognitoHasher,
                password_digest = Text(input, PasswordDigestProperty) ?? string.Empty,
                external_id = Text(input, "external_id"),
                email_address = List(input, "email_address"),
                email_address_identification_status = List(input, "email_address_identification_status"),
                phone_number = List(input, "phone_number"),
                phone_number_identification_status = List(input, "phone_number_identification_status"),
                first_name = Text(input, "first_name"),
                last_name = Text(input, "last_name"),
                username = Text(input, "username"),
                created_at = CreatedAt(input),
                private_metadata = Table(Unwrap(input.Properties["private_metadata"]?.Value)),
                SourceUser = SourceUserOf(Unwrap(input.Properties["SourceUser"]?.Value)),
                Migratable = Flag(input, nameof(ClerkCognitoDigest.Migratable)) ?? true,
                ErrorId = Text(input, nameof(ClerkCognitoDigest.ErrorId)),
                Reason = Text(input, nameof(ClerkCognitoDigest.Reason)),
            };
        }

        /// <summary>A bool, or its text ("False" from Import-Csv); null when the property is absent or blank.</summary>
        private static bool? Flag(PSObject input, string name)
        {
            object? value = Unwrap(input.Properties[name]?.Value);
            if (value is bool flag)
            {
                return flag;
            }

            return Scalar(value) is string text && bool.TryParse(text.Trim(), out bool parsed) ? parsed : (bool?)null;
        }

        /// <summary>ConvertFrom-Json turns an RFC3339 string into a DateTime; Clerk wants the string.</summary>
        private static string? CreatedAt(PSObject input)
        {
            object? value = Unwrap(input.Properties["created_at"]?.Value);
            if (value is DateTime time)
            {
                return time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            }

            if (value is DateTimeOffset offset)
            {
                return offset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            }

            return Scalar(value);
        }

        private static CognitoMigrationUser? SourceUserOf(object? value)
        {
            if (value is CognitoMigrationUser typed)
            {
                return typed;
            }

            if (value is PSObject deserialized && deserialized.Properties["Username"]?.Value is object name)
            {
                return new CognitoMigrationUser
                {
                    Username = Scalar(Unwrap(name)) ?? string.Empty,
                    UserPoolId = Scalar(Unwrap(deserialized.Properties["UserPoolId"]?.Value)),
                    Sub = Scalar(Unwrap(deserialized.Properties["Sub"]?.Value)),
                    Email = Scalar(Unwrap(deserialized.Properties["Email"]?.Value)),
                };
            }

            return null;
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped && !(wrapped.BaseObject is PSCustomObject) ? wrapped.BaseObject : value;

        private static string? Text(PSObject input, string name) => Scalar(Unwrap(input.Properties[name]?.Value));

        private static string? Scalar(object? value)
        {
            if (value == null)
            {
                return null;
            }

            string text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            return text.Length == 0 ? null : text;
        }

        private static ClerkValueList? List(PSObject input, string name)
        {
            object? value = Unwrap(input.Properties[name]?.Value);
            if (value == null)
            {
                return null;
            }

            if (value is string single)
            {
                return new ClerkValueList(single);
            }

            if (value is IEnumerable many)
            {
                string[] items = many.Cast<object?>().Select(v => Scalar(Unwrap(v))).Where(v => v != null).Select(v => v!).ToArray();
                return items.Length == 0 ? null : new ClerkValueList(items);
            }

            return Scalar(value) is string text ? new ClerkValueList(text) : null;
        }

        /// <summary>Hashtable from Import-Clixml, PSCustomObject from ConvertFrom-Json: both become Clerk metadata.</summary>
        private static ClerkMetadata? Table(object? value)
        {
            if (value is IDictionary dictionary)
            {
                var table = new ClerkMetadata();
                foreach (DictionaryEntry entry in dictionary)
                {
                    object? inner = Unwrap(entry.Value);
                    table[entry.Key] = inner is IDictionary || IsCustomObject(inner) ? Table(inner) : inner;
                }

                return table;
            }

            if (IsCustomObject(value))
            {
                var table = new ClerkMetadata();
                foreach (PSPropertyInfo property in ((PSObject)value!).Properties)
                {
                    object? inner = Unwrap(property.Value);
                    table[property.Name] = inner is IDictionary || IsCustomObject(inner) ? Table(inner) : inner;
                }

                return table;
            }

            return null;
        }

        private static bool IsCustomObject(object? value) => value is PSObject wrapped && wrapped.BaseObject is PSCustomObject;

        private static string? MetadataValue(Hashtable? metadata, string key)
        {
            if (metadata?["cognito"] is IDictionary cognito)
            {
                return Scalar(Unwrap(cognito[key]));
            }

            return null;
        }

        private static bool AwsCognitoDigestParts(string? digest, out string? pool, out string? identifier)
        {
            pool = null;
            identifier = null;
            string[] parts = (digest ?? string.Empty).Split('#');
            if (parts.Length != 4 || parts[0] != ClerkCreateUserRequest.AwsCognitoHasher)
            {
                return false;
            }

            pool = parts[1];
            identifier = parts[3];
            return true;
        }
    }
}
