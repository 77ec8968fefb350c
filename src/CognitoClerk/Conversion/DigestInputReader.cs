using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Reads the digest shape: the typed <see cref="ClerkCognitoDigest"/> that ConvertTo-ClerkCognitoDigest
    /// writes, and the same payload after a round trip through a file (Export-Clixml/Import-Clixml,
    /// ConvertTo-Json/ConvertFrom-Json) or as a hashtable: any object with a password_digest property. Only the
    /// CreateUser fields the digest type declares are read; anything else on the object (notes an admin added)
    /// is never sent. Whether the payload can be sent is the engine's to judge (DigestPayloadCheck).
    /// </summary>
    internal static class DigestInputReader
    {
        private const string PasswordDigestProperty = "password_digest";

        /// <summary>True when the input is a digest in either form.</summary>
        internal static bool TryRead(object input, out ClerkCognitoDigest? digest)
        {
            digest = PropertyBag.Unwrap(input) as ClerkCognitoDigest;
            if (digest != null)
            {
                return true;
            }

            PropertyBag bag = PropertyBag.For(input);
            if (!bag.Has(PasswordDigestProperty))
            {
                return false;
            }

            digest = FromProperties(bag);
            return true;
        }

        /// <summary>
        /// ConvertTo-ClerkCognitoDigest's marker for a user who cannot be migrated (Migratable = $false), typed or read
        /// back from a file: the user as far as the marker tells, with its ErrorId and reason, never anything to send.
        /// </summary>
        internal static MigrationCandidate NotMigratable(ClerkCognitoDigest marker, object? state)
        {
            var skip = new MigrationSkip(
                string.IsNullOrWhiteSpace(marker.ErrorId) ? Errors.ErrorIds.CognitoUserNotMigratable : marker.ErrorId!,
                marker.Reason ?? "ConvertTo-ClerkCognitoDigest found that this user cannot be migrated.");
            return MigrationCandidate.NotSendable(
                skip,
                state,
                marker.SourceUser?.Username,
                marker.SourceUser?.UserPoolId,
                marker.email_address?.FirstOrDefault(),
                marker.external_id ?? marker.SourceUser?.Sub);
        }

        private static ClerkCognitoDigest FromProperties(PropertyBag bag)
        {
            return new ClerkCognitoDigest
            {
                password_hasher = Text(bag, "password_hasher") ?? ClerkCreateUserRequest.AwsCognitoHasher,
                password_digest = Text(bag, PasswordDigestProperty) ?? string.Empty,
                external_id = Text(bag, "external_id"),
                email_address = List(bag, "email_address"),
                email_address_identification_status = List(bag, "email_address_identification_status"),
                phone_number = List(bag, "phone_number"),
                phone_number_identification_status = List(bag, "phone_number_identification_status"),
                first_name = Text(bag, "first_name"),
                last_name = Text(bag, "last_name"),
                username = Text(bag, "username"),
                created_at = CreatedAt(bag),
                public_metadata = Table(Value(bag, "public_metadata")),
                private_metadata = Table(Value(bag, "private_metadata")),
                unsafe_metadata = Table(Value(bag, "unsafe_metadata")),
                banned = Bool(Value(bag, "banned")),
                SourceUser = SourceUserOf(Value(bag, "SourceUser")),
                Migratable = Flag(Value(bag, nameof(ClerkCognitoDigest.Migratable))) ?? true,
                ErrorId = Text(bag, nameof(ClerkCognitoDigest.ErrorId)),
                Reason = Text(bag, nameof(ClerkCognitoDigest.Reason)),
            };
        }

        /// <summary>A bool, or its text ("False" from Import-Csv); null when absent or blank.</summary>
        private static bool? Flag(object? value)
        {
            if (PropertyBag.Unwrap(value) is bool flag)
            {
                return flag;
            }

            return Scalar(value) is string text && bool.TryParse(text.Trim(), out bool parsed) ? parsed : (bool?)null;
        }

        /// <summary>ConvertFrom-Json turns an RFC3339 string into a DateTime; Clerk wants the string.</summary>
        private static string? CreatedAt(PropertyBag bag)
        {
            object? value = Value(bag, "created_at");
            return value switch
            {
                DateTime time => ClerkFieldFormats.ToRfc3339(time),
                DateTimeOffset offset => ClerkFieldFormats.ToRfc3339(offset),
                _ => Scalar(value),
            };
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
                    Username = Scalar(PropertyBag.Unwrap(name)) ?? string.Empty,
                    UserPoolId = Scalar(PropertyBag.Unwrap(deserialized.Properties["UserPoolId"]?.Value)),
                    Sub = Scalar(PropertyBag.Unwrap(deserialized.Properties["Sub"]?.Value)),
                    Email = Scalar(PropertyBag.Unwrap(deserialized.Properties["Email"]?.Value)),
                };
            }

            return null;
        }

        /// <summary>true/false from JSON or Clixml, or a CSV's "True"; anything else is left out.</summary>
        private static bool? Bool(object? value) =>
            value is bool flag ? flag
            : bool.TryParse(Scalar(value)?.Trim(), out bool parsed) ? parsed
            : (bool?)null;

        private static object? Value(PropertyBag bag, string name) => bag.TryGet(name, out object? value) ? value : null;

        private static string? Text(PropertyBag bag, string name) => Scalar(Value(bag, name));

        private static string? Scalar(object? value)
        {
            if (value == null)
            {
                return null;
            }

            string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
            return text.Length == 0 ? null : text;
        }

        private static ClerkValueList? List(PropertyBag bag, string name)
        {
            object? value = Value(bag, name);
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
                string[] items = many.Cast<object?>().Select(v => Scalar(PropertyBag.Unwrap(v))).Where(v => v != null).Select(v => v!).ToArray();
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
                    object? inner = PropertyBag.Unwrap(entry.Value);
                    table[entry.Key] = inner is IDictionary || IsCustomObject(inner) ? Table(inner) : inner;
                }

                return table;
            }

            if (IsCustomObject(value))
            {
                var table = new ClerkMetadata();
                foreach (PSPropertyInfo property in ((PSObject)value!).Properties)
                {
                    object? inner = PropertyBag.Unwrap(property.Value);
                    table[property.Name] = inner is IDictionary || IsCustomObject(inner) ? Table(inner) : inner;
                }

                return table;
            }

            return null;
        }

        private static bool IsCustomObject(object? value) => value is PSObject wrapped && wrapped.BaseObject is PSCustomObject;
    }
}
