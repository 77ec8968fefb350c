using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Readiness;
using CognitoClerk.Engine.Validation;
using EngineIdentifierSource = CognitoClerk.Engine.Migration.IdentifierSource;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Reads what Test-ClerkMigratedUser is given into the call Clerk will make: a digest (typed, or
    /// deserialized, or JSON) gives its own pool, client and identifier, exactly as Clerk will read them;
    /// a Cognito user in any shape ConvertTo-ClerkCognitoDigest accepts gives the identifier the digest
    /// would hold; a string is the identifier itself.
    /// </summary>
    internal sealed class ValidationTargetReader
    {
        private readonly string? _userPoolId;
        private readonly string? _clientId;
        private readonly EngineIdentifierSource _identifierSource;

        /// <param name="userPoolId">-UserPoolId, else null (then the user's own pool, then the environment).</param>
        /// <param name="clientId">-ClientId, else null (then the environment).</param>
        /// <param name="identifierSource">Already resolved (not Auto).</param>
        internal ValidationTargetReader(string? userPoolId, string? clientId, EngineIdentifierSource identifierSource)
        {
            _userPoolId = NullIfBlank(userPoolId);
            _clientId = NullIfBlank(clientId);
            _identifierSource = identifierSource;
        }

        internal ValidationTarget FromIdentifier(string identifier, object? source = null)
        {
            return Complete(new MigratedUserTarget { Identifier = identifier.Trim() }, null, source ?? identifier);
        }

        internal IEnumerable<ValidationTarget> FromInput(PSObject input)
        {
            object raw = PropertyBag.Unwrap(input) ?? input;
            if (raw is string text)
            {
                yield return FromIdentifier(text, input);
                yield break;
            }

            if (raw is ClerkCognitoDigest digest)
            {
                yield return FromDigest(digest.password_digest, digest.external_id, First(digest.email_address), First(digest.phone_number), input);
                yield break;
            }

            PropertyBag bag = PropertyBag.For(input);
            if (bag.TryGet(nameof(ClerkCognitoDigest.password_digest), out object? digestText))
            {
                yield return FromDigest(
                    digestText?.ToString(),
                    Text(bag, nameof(ClerkCognitoDigest.external_id)),
                    FirstOf(bag, nameof(ClerkCognitoDigest.email_address)),
                    FirstOf(bag, nameof(ClerkCognitoDigest.phone_number)),
                    input);
                yield break;
            }

            foreach (CognitoUserReadResult read in CognitoUserReader.Read(input))
            {
                yield return FromUser(read);
            }
        }

        private ValidationTarget FromUser(CognitoUserReadResult read)
        {
            if (read.User == null)
            {
                string errorId = read.ErrorId ?? InputErrorIds.InputNotCognitoUser;
                return ValidationTarget.Failed(NewError(errorId, read.Reason ?? errorId, read.Source, null), false);
            }

            CognitoUser user = read.User;
            string? identifier = CognitoDigestMapper.ReadIdentifier(user, _identifierSource);
            if (string.IsNullOrEmpty(identifier))
            {
                return ValidationTarget.Failed(
                    NewError(
                        MigrationErrorIds.IdentifierMissing,
                        $"Cognito user '{user.Username}' has no value for -IdentifierSource {_identifierSource}, so the digest would hold no identifier to sign in with.",
                        read.Source,
                        user.Username),
                    false);
            }

            var target = new MigratedUserTarget
            {
                Identifier = identifier!,
                ExternalId = NullIfBlank(user.GetAttribute(CognitoAttributeNames.Sub)),
                Email = NullIfBlank(user.GetAttribute(CognitoAttributeNames.Email)),
                PhoneNumber = NullIfBlank(user.GetAttribute(CognitoAttributeNames.PhoneNumber)),
            };
            return Complete(target, NullIfBlank(user.UserPoolId), read.Source);
        }

        private ValidationTarget FromDigest(string? passwordDigest, string? externalId, string? email, string? phone, object source)
        {
            if (!AwsCognitoDigest.TryParse(passwordDigest, out string pool, out string client, out string identifier))
            {
                return ValidationTarget.Failed(
                    NewError(
                        DigestInvalid,
                        "The input's password_digest is not an awscognito digest (awscognito#<user pool id>#<client id>#<identifier>), so there is no Cognito sign-in to test.",
                        source,
                        null),
                    false);
            }

            string? warning = null;
            if ((_userPoolId != null && _userPoolId != pool) || (_clientId != null && _clientId != client))
            {
                warning = $"The digest names pool {pool} and app client {client}; they are what Clerk will use, so they are tested, not -UserPoolId or -ClientId.";
            }

            var target = new MigratedUserTarget
            {
                Identifier = identifier,
                UserPoolId = pool,
                ClientId = client,
                ExternalId = NullIfBlank(externalId),
                Email = NullIfBlank(email),
                PhoneNumber = NullIfBlank(phone),
            };
            return ValidationTarget.Of(target, warning);
        }

        /// <summary>Fills in the pool and client a non-digest input does not carry.</summary>
        private ValidationTarget Complete(MigratedUserTarget target, string? usersOwnPool, object source)
        {
            string? pool = _userPoolId ?? usersOwnPool ?? EnvironmentDefaults.UserPoolId;
            if (pool == null)
            {
                return ValidationTarget.Failed(
                    NewError(
                        MigrationErrorIds.UserPoolIdMissing,
                        $"No user pool ID: pass -UserPoolId or set $env:{EnvironmentDefaults.UserPoolIdVariable}.",
                        source,
                        target.Identifier),
                    true);
            }

            string? client = _clientId ?? EnvironmentDefaults.ClientId;
            if (client == null)
            {
                return ValidationTarget.Failed(
                    NewError(
                        MigrationErrorIds.ClientIdMissing,
                        $"No app client ID: pass -ClientId or set $env:{EnvironmentDefaults.ClientIdVariable} (the public client Clerk will call).",
                        source,
                        target.Identifier),
                    true);
            }

            target.UserPoolId = pool;
            target.ClientId = client;
            return ValidationTarget.Of(target);
        }

        /// <summary>A digest that is not an awscognito one.</summary>
        internal const string DigestInvalid = "PasswordDigestNotAwsCognito";

        private static ErrorRecord NewError(string errorId, string reason, object? target, string? name)
        {
            ErrorCategory category = errorId == DigestInvalid ? ErrorCategory.InvalidData : MigrationErrorCategories.For(errorId);
            var record = new ErrorRecord(new ArgumentException(reason), errorId, category, target);
            if (name != null)
            {
                record.CategoryInfo.TargetName = name;
            }

            return record;
        }

        private static string? Text(PropertyBag bag, string name) =>
            bag.TryGet(name, out object? value) ? value?.ToString() : null;

        private static string? FirstOf(PropertyBag bag, string name)
        {
            if (!bag.TryGet(name, out object? value) || value == null)
            {
                return null;
            }

            if (value is string single)
            {
                return single;
            }

            if (value is IEnumerable many)
            {
                foreach (object? item in many)
                {
                    string? text = PropertyBag.Unwrap(item)?.ToString();
                    if (!string.IsNullOrEmpty(text))
                    {
                        return text;
                    }
                }
            }

            return null;
        }

        private static string? First(ClerkValueList? values) => values == null || values.Count == 0 ? null : values[0];

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
