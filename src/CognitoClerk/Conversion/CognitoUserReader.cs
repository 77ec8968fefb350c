using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Text;
using CognitoClerk.Errors;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Turns whatever arrives on the pipeline into engine <see cref="CognitoUser"/>s:
    /// <list type="bullet">
    /// <item>our <see cref="CognitoMigrationUser"/>, also after Export-Clixml / Import-Clixml or Import-Csv;</item>
    /// <item>`aws cognito-idp list-users` users after ConvertFrom-Json (Username, Attributes[{Name,Value}], UserStatus, Enabled, dates);</item>
    /// <item>`aws cognito-idp admin-get-user` output (UserAttributes instead of Attributes);</item>
    /// <item>a whole list-users response ({ Users: [...] }) or any collection of users: unrolled;</item>
    /// <item>AWS.Tools Get-CGIPUserList objects (UserStatus is an object whose ToString() is the value);</item>
    /// <item>hashtables with the same keys.</item>
    /// </list>
    /// The well-known properties (Email, Sub, ...) of our own shape win over the attribute list, because
    /// they are what an admin sees, filters on and may correct in the pipeline before converting.
    /// </summary>
    internal static class CognitoUserReader
    {
        /// <summary>Our flat property names and the Cognito attributes they stand for.</summary>
        private static readonly KeyValuePair<string, string>[] WellKnownProperties =
        {
            new KeyValuePair<string, string>(nameof(CognitoMigrationUser.Sub), CognitoAttributeNames.Sub),
            new KeyValuePair<string, string>(nameof(CognitoMigrationUser.Email), CognitoAttributeNames.Email),
            new KeyValuePair<string, string>(nameof(CognitoMigrationUser.EmailVerified), CognitoAttributeNames.EmailVerified),
            new KeyValuePair<string, string>(nameof(CognitoMigrationUser.PhoneNumber), CognitoAttributeNames.PhoneNumber),
            new KeyValuePair<string, string>(nameof(CognitoMigrationUser.PhoneNumberVerified), CognitoAttributeNames.PhoneNumberVerified),
            new KeyValuePair<string, string>(nameof(CognitoMigrationUser.GivenName), CognitoAttributeNames.GivenName),
            new KeyValuePair<string, string>(nameof(CognitoMigrationUser.FamilyName), CognitoAttributeNames.FamilyName),
            new KeyValuePair<string, string>("PreferredUsername", CognitoAttributeNames.PreferredUsername),
        };

        private const string ExpectedShapes =
            "Expected a Cognito user: Get-CognitoMigrationUser output, `aws cognito-idp list-users` or `admin-get-user` " +
            "output after ConvertFrom-Json, or Get-CGIPUserList objects, each with at least a Username.";

        /// <summary>The input itself when it was already our own <see cref="CognitoMigrationUser"/> (what Get-CognitoMigrationUser writes).</summary>
        internal static CognitoMigrationUser? TypedUserOf(object source) => PropertyBag.Unwrap(source) as CognitoMigrationUser;

        /// <summary>The users one pipeline object holds: one, several (a list-users response, a collection) or none that can be read.</summary>
        internal static IEnumerable<InputRead<CognitoUser>> Read(object input)
        {
            if (input == null)
            {
                throw new ArgumentNullException(nameof(input));
            }

            object raw = PropertyBag.Unwrap(input) ?? input;

            if (raw is CognitoMigrationUser typed)
            {
                yield return ReadTyped(input, typed);
                yield break;
            }

            if (raw is ClerkCognitoDigest)
            {
                yield return InputRead<CognitoUser>.Failed(
                    input,
                    ErrorIds.InputNotCognitoUser,
                    "The input is already a Clerk digest (ClerkCognitoDigest). Pipe it to New-ClerkMigratedUser, or convert " +
                    "its SourceUser again: $digest.SourceUser | ConvertTo-ClerkCognitoDigest ...");
                yield break;
            }

            if (raw is string text)
            {
                yield return InputRead<CognitoUser>.Failed(
                    input,
                    ErrorIds.InputNotCognitoUser,
                    // The text itself is not echoed: a string piped by mistake can be anything, a key included.
                    $"The input is text ({text.Length} characters), not a Cognito user. If it is `aws cognito-idp list-users` output, " +
                    "convert the whole output first: aws cognito-idp list-users ... | ConvertFrom-Json | ConvertTo-ClerkCognitoDigest");
                yield break;
            }

            PropertyBag bag = PropertyBag.For(input);
            if (!bag.Has("Username"))
            {
                IEnumerable? many = UsersOf(bag, raw);
                if (many != null)
                {
                    foreach (object? item in many)
                    {
                        if (item == null)
                        {
                            continue;
                        }

                        foreach (InputRead<CognitoUser> result in Read(item))
                        {
                            yield return result;
                        }
                    }

                    yield break;
                }

                string[] names = bag.Names();
                string has = names.Length == 0
                    ? "no properties"
                    : "the properties " + string.Join(", ", names.Take(12)) + (names.Length > 12 ? ", ..." : string.Empty);
                yield return InputRead<CognitoUser>.Failed(
                    input,
                    ErrorIds.InputNotCognitoUser,
                    $"The input ({TypeName(raw)}) has no Username property; it has {has}. {ExpectedShapes}");
                yield break;
            }

            yield return ReadGeneric(input, bag);
        }

        /// <summary>The users inside a list-users response ({ Users: [...] }) or a collection, if that is what this is.</summary>
        private static IEnumerable? UsersOf(PropertyBag bag, object raw)
        {
            if (bag.TryGet("Users", out object? users) && users is IEnumerable list && !(users is string) && !(users is IDictionary))
            {
                return list;
            }

            if (raw is IEnumerable collection && !(raw is IDictionary))
            {
                return collection;
            }

            return null;
        }

        private static InputRead<CognitoUser> ReadTyped(object input, CognitoMigrationUser typed)
        {
            if (string.IsNullOrWhiteSpace(typed.Username))
            {
                return InputRead<CognitoUser>.Failed(
                    input, ErrorIds.InputCognitoUserMalformed, "The CognitoMigrationUser has an empty Username.");
            }

            CognitoUser converted = MigrationUserConverter.ToEngine(typed);
            var attributes = converted.Attributes.ToList();
            PropertyBag bag = PropertyBag.For(typed);
            foreach (KeyValuePair<string, string> property in WellKnownProperties)
            {
                if (bag.TryGet(property.Key, out object? value))
                {
                    SetAttribute(attributes, property.Value, AttributeText(value));
                }
            }

            var user = new CognitoUser(converted.Username, attributes)
            {
                UserStatus = converted.UserStatus,
                Enabled = converted.Enabled,
                UserCreateDate = converted.UserCreateDate,
                UserLastModifiedDate = converted.UserLastModifiedDate,
                UserPoolId = converted.UserPoolId,
                Groups = converted.Groups,
            };
            return InputRead<CognitoUser>.Of(input, user);
        }

        private static InputRead<CognitoUser> ReadGeneric(object input, PropertyBag bag)
        {
            bag.TryGet("Username", out object? usernameValue);
            string? username = Scalar(usernameValue);
            if (string.IsNullOrWhiteSpace(username))
            {
                return InputRead<CognitoUser>.Failed(
                    input, ErrorIds.InputCognitoUserMalformed, $"The input has an empty Username. {ExpectedShapes}");
            }

            string who = ConsoleText.Quote(username);
            var attributes = new List<KeyValuePair<string, string?>>();
            object? attributeList = null;
            bool hasList = bag.TryGet("Attributes", out attributeList) || bag.TryGet("UserAttributes", out attributeList);
            if (hasList && attributeList != null)
            {
                string? problem = ReadAttributes(attributeList, attributes);
                if (problem != null)
                {
                    return InputRead<CognitoUser>.Failed(
                        input, ErrorIds.InputCognitoUserMalformed, $"Cognito user {who}: {problem}");
                }
            }

            foreach (KeyValuePair<string, string> property in WellKnownProperties)
            {
                if (bag.TryGet(property.Key, out object? value))
                {
                    SetAttribute(attributes, property.Value, AttributeText(value));
                }
            }

            // A CSV cannot hold the Attributes list: custom attributes travel as columns named custom:<name>.
            foreach (string name in bag.Names())
            {
                if (MetadataAttributeMap.DefaultCustomAttributeKey(name) != null && bag.TryGet(name, out object? custom))
                {
                    SetAttribute(attributes, name, AttributeText(custom));
                }
            }

            bool? enabled = null;
            if (bag.TryGet("Enabled", out object? enabledValue) && !TryReadBoolean(enabledValue, out enabled))
            {
                return InputRead<CognitoUser>.Failed(
                    input,
                    ErrorIds.InputCognitoUserMalformed,
                    $"Cognito user {who}: Enabled is {Shorten(Scalar(enabledValue) ?? string.Empty)}, not true or false.");
            }

            var warnings = new List<MigrationWarning>();
            bag.TryGet("UserCreateDate", out object? createdValue);
            // The current culture is the admin's: a date Export-Csv wrote, Import-Csv hands back in that culture's form.
            if (!CognitoTimestamp.TryRead(createdValue, CultureInfo.CurrentCulture, out DateTimeOffset? created, out bool ambiguous))
            {
                warnings.Add(new MigrationWarning(
                    MigrationWarningIds.UserCreateDateInvalid,
                    ambiguous
                        ? $"Cognito user {who}: UserCreateDate {Shorten(Scalar(createdValue) ?? string.Empty)} reads as two different dates " +
                          $"(day and month either way, in {CultureInfo.CurrentCulture.Name} and in month-first order), so the Clerk user's " +
                          "created_at is left out rather than guessed. Dates in ISO 8601 (yyyy-MM-ddTHH:mm:ssZ), or in the culture that wrote them, are read exactly."
                        : $"Cognito user {who}: UserCreateDate {Shorten(Scalar(createdValue) ?? string.Empty)} is not a date, so " +
                          "the Clerk user's created_at is left out (Clerk uses the time of the import)."));
            }

            // Not sent to Clerk, so an unreadable value is not worth a warning.
            bag.TryGet("UserLastModifiedDate", out object? modifiedValue);
            CognitoTimestamp.TryRead(modifiedValue, CultureInfo.CurrentCulture, out DateTimeOffset? modified, out _);

            bag.TryGet("UserStatus", out object? statusValue);
            bag.TryGet("UserPoolId", out object? poolValue);

            IReadOnlyList<string>? groups = null;
            if (bag.TryGet("Groups", out object? groupsValue))
            {
                string? problem = ReadGroups(groupsValue, out groups);
                if (problem != null)
                {
                    return InputRead<CognitoUser>.Failed(input, ErrorIds.InputCognitoUserMalformed, $"Cognito user {who}: {problem}");
                }
            }

            var user = new CognitoUser(username!, attributes)
            {
                // AWS.Tools' UserStatusType is a ConstantClass whose ToString() is the status.
                UserStatus = NullIfBlank(Scalar(statusValue)),
                Enabled = enabled,
                UserCreateDate = created,
                UserLastModifiedDate = modified,
                UserPoolId = NullIfBlank(Scalar(poolValue)),
                Groups = groups,
            };
            return InputRead<CognitoUser>.Of(input, user, warnings);
        }

        /// <returns>Null when read; otherwise what is wrong, in words.</returns>
        private static string? ReadAttributes(object list, List<KeyValuePair<string, string?>> into)
        {
            if (list is string)
            {
                // Import-Csv flattens the list into its type name; the flat columns carry the values instead.
                return null;
            }

            if (list is IDictionary map)
            {
                foreach (DictionaryEntry entry in map)
                {
                    string? name = entry.Key?.ToString();
                    if (!string.IsNullOrEmpty(name))
                    {
                        into.Add(new KeyValuePair<string, string?>(name!, AttributeText(PropertyBag.Unwrap(entry.Value))));
                    }
                }

                return null;
            }

            if (!(list is IEnumerable items))
            {
                return $"Attributes is a {TypeName(list)}, not a list of Name/Value pairs.";
            }

            int index = 0;
            foreach (object? item in items)
            {
                if (item == null)
                {
                    return $"attribute #{index + 1} is empty; each attribute needs a Name and a Value.";
                }

                PropertyBag attribute = PropertyBag.For(item);
                string? name = attribute.TryGet("Name", out object? nameValue) ? Scalar(nameValue) : null;
                if (string.IsNullOrEmpty(name))
                {
                    return $"attribute #{index + 1} has no Name; each attribute needs a Name and a Value.";
                }

                attribute.TryGet("Value", out object? value);
                into.Add(new KeyValuePair<string, string?>(name!, AttributeText(value)));
                index++;
            }

            return null;
        }

        /// <summary>
        /// A Groups value in any shape a round trip leaves: a list (our objects, ConvertFrom-Json, Import-Clixml) or
        /// one text of names separated by white space (Import-Csv; Cognito group names never contain white space).
        /// Blank is no groups. The order is kept as given.
        /// </summary>
        /// <returns>Null when read; otherwise what is wrong, in words.</returns>
        private static string? ReadGroups(object? value, out IReadOnlyList<string>? groups)
        {
            groups = null;
            object? raw = PropertyBag.Unwrap(value);
            if (raw == null)
            {
                return null;
            }

            var names = new List<string>();
            if (raw is string text)
            {
                string trimmed = text.Trim();
                if (trimmed.StartsWith("System.", StringComparison.Ordinal) && trimmed.EndsWith("]", StringComparison.Ordinal))
                {
                    // Export-Csv wrote a list's type name instead of its names.
                    return $"Groups holds {Shorten(trimmed)}, the name of a list type, not group names. Export the names as one column: " +
                        "Select-Object *, @{ Name = 'Groups'; Expression = { $_.Groups -join ' ' } } -ExcludeProperty Groups | Export-Csv ...";
                }

                names.AddRange(trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }
            else if (raw is IEnumerable many && !(raw is IDictionary))
            {
                foreach (object? item in many)
                {
                    string? name = Scalar(item)?.Trim();
                    if (!string.IsNullOrEmpty(name))
                    {
                        names.Add(name!);
                    }
                }
            }
            else
            {
                names.AddRange((Scalar(raw) ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            }

            groups = names.Distinct(StringComparer.Ordinal).ToArray();
            return null;
        }

        /// <summary>Replaces the attribute in place (keeping Cognito's order), appends it, or removes it for a null value.</summary>
        private static void SetAttribute(List<KeyValuePair<string, string?>> attributes, string name, string? value)
        {
            int at = attributes.FindIndex(a => string.Equals(a.Key, name, StringComparison.Ordinal));
            if (value == null)
            {
                if (at >= 0)
                {
                    attributes.RemoveAt(at);
                }

                return;
            }

            var pair = new KeyValuePair<string, string?>(name, value);
            if (at >= 0)
            {
                attributes[at] = pair;
            }
            else
            {
                attributes.Add(pair);
            }
        }

        /// <summary>Attribute values are Cognito strings: booleans as "true"/"false", empty as absent.</summary>
        private static string? AttributeText(object? value)
        {
            if (value is bool flag)
            {
                return flag ? "true" : "false";
            }

            string? text = Scalar(value);
            return string.IsNullOrEmpty(text) ? null : text;
        }

        private static bool TryReadBoolean(object? value, out bool? result)
        {
            result = null;
            switch (value)
            {
                case null:
                    return true;
                case bool flag:
                    result = flag;
                    return true;
                default:
                    string text = (Scalar(value) ?? string.Empty).Trim();
                    if (text.Length == 0)
                    {
                        return true;
                    }

                    if (bool.TryParse(text, out bool parsed))
                    {
                        result = parsed;
                        return true;
                    }

                    return false;
            }
        }

        private static string? Scalar(object? value)
        {
            object? raw = PropertyBag.Unwrap(value);
            return raw switch
            {
                null => null,
                string s => s,
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => raw.ToString(),
            };
        }

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        private static string TypeName(object value) =>
            value is System.Management.Automation.PSObject wrapped && wrapped.BaseObject is System.Management.Automation.PSCustomObject
                ? "PSCustomObject"
                : value.GetType().Name;

        /// <summary>Enough of a value to recognise it in a message, never a whole document.</summary>
        private static string Shorten(string value) => ConsoleText.Quote(value.Trim(), 40);
    }
}
