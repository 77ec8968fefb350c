using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Validation;
using EngineIdentifierSource = CognitoClerk.Engine.Migration.IdentifierSource;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Reads what Test-ClerkMigratedUser is given into the call Clerk will make, with the readers of each shape:
    /// a digest (<see cref="DigestInputReader"/>) names its own pool, client and identifier, exactly as Clerk will
    /// read them; a Cognito user in any shape ConvertTo-ClerkCognitoDigest accepts (<see cref="CognitoUserReader"/>)
    /// gives the identifier its digest would hold; a string is the identifier itself. What a target is made of is
    /// the engine's (<see cref="MigratedUserTarget"/>); the parameters and the environment fill in the rest.
    /// </summary>
    internal sealed class ValidationTargetReader
    {
        private readonly string? _userPoolId;
        private readonly string? _clientId;
        private readonly EngineIdentifierSource _identifierSource;

        /// <param name="userPoolId">-UserPoolId, else null (then the user's own pool, then the environment).</param>
        /// <param name="clientId">-ClientId, else null (then the environment).</param>
        /// <param name="identifierSource">-IdentifierSource, as the engine's value.</param>
        internal ValidationTargetReader(string? userPoolId, string? clientId, EngineIdentifierSource identifierSource)
        {
            _userPoolId = NullIfBlank(userPoolId);
            _clientId = NullIfBlank(clientId);
            _identifierSource = identifierSource;
        }

        internal InputRead<MigratedUserTarget> FromIdentifier(string identifier, object? source = null)
        {
            return Complete(new MigratedUserTarget { Identifier = identifier.Trim() }, null, source ?? identifier);
        }

        internal IEnumerable<InputRead<MigratedUserTarget>> FromInput(PSObject input)
        {
            if (PropertyBag.Unwrap(input) is string text)
            {
                yield return FromIdentifier(text, input);
                yield break;
            }

            if (DigestInputReader.TryRead(input, out ClerkCognitoDigest? digest))
            {
                yield return FromDigest(digest!, input);
                yield break;
            }

            foreach (InputRead<CognitoUser> read in CognitoUserReader.Read(input))
            {
                yield return FromUser(read);
            }
        }

        private InputRead<MigratedUserTarget> FromUser(InputRead<CognitoUser> read)
        {
            if (read.Value == null)
            {
                return InputRead<MigratedUserTarget>.Failed(read.Source, read.Problem!, read.TargetName);
            }

            MigratedUserTarget? target = MigratedUserTarget.FromUser(read.Value, _identifierSource, out MigrationSkip? skip);
            return target == null
                ? InputRead<MigratedUserTarget>.Failed(read.Source, skip!, read.Value.Username)
                : Complete(target, NullIfBlank(read.Value.UserPoolId), read.Source);
        }

        private InputRead<MigratedUserTarget> FromDigest(ClerkCognitoDigest digest, object source)
        {
            MigratedUserTarget? target = MigratedUserTarget.FromDigest(
                digest.password_digest, digest.external_id, digest.email_address?.FirstOrDefault(), digest.phone_number?.FirstOrDefault());
            if (target == null)
            {
                return InputRead<MigratedUserTarget>.Failed(
                    source,
                    MigrationErrorIds.PasswordDigestNotAwsCognito,
                    "The input's password_digest is not an awscognito digest (awscognito#<user pool id>#<client id>#<identifier>), so there is no Cognito sign-in to test.");
            }

            var warnings = new List<MigrationWarning>();
            if ((_userPoolId != null && _userPoolId != target.UserPoolId) || (_clientId != null && _clientId != target.ClientId))
            {
                warnings.Add(new MigrationWarning(
                    Errors.ErrorIds.DigestOverridesParameters,
                    $"The digest names pool {target.UserPoolId} and app client {target.ClientId}; they are what Clerk will use, so they are tested, not -UserPoolId or -ClientId."));
            }

            return InputRead<MigratedUserTarget>.Of(source, target, warnings);
        }

        /// <summary>Fills in the pool and client a non-digest input does not carry: the parameters, the user's own pool, the environment.</summary>
        private InputRead<MigratedUserTarget> Complete(MigratedUserTarget target, string? usersOwnPool, object source)
        {
            string? pool = _userPoolId ?? usersOwnPool ?? EnvironmentDefaults.UserPoolId;
            if (pool == null)
            {
                return InputRead<MigratedUserTarget>.Failed(source, MigrationErrorIds.UserPoolIdMissing, "No user pool ID.", target.Identifier);
            }

            string? client = _clientId ?? EnvironmentDefaults.ClientId;
            if (client == null)
            {
                return InputRead<MigratedUserTarget>.Failed(
                    source, MigrationErrorIds.ClientIdMissing, "No app client ID: the public client Clerk will call.", target.Identifier);
            }

            target.UserPoolId = pool;
            target.ClientId = client;
            return InputRead<MigratedUserTarget>.Of(source, target);
        }

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
