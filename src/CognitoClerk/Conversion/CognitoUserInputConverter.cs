using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Cognito users given to New-ClerkMigratedUser directly, converted by the same <see cref="DigestPipeline"/>
    /// as ConvertTo-ClerkCognitoDigest, with the same parameters. Created on the first such user only:
    /// digest input needs no client ID.
    /// </summary>
    internal sealed class CognitoUserInputConverter
    {
        private readonly DigestPipeline? _pipeline;
        private readonly ErrorRecord? _setupError;

        internal CognitoUserInputConverter(
            string? clientId, string? userPoolId, IdentifierSource identifierSource, bool includeUsername, IDictionary? attributeMap, DisabledUserAction disabledUser)
        {
            try
            {
                _pipeline = DigestPipeline.Create(clientId, userPoolId, identifierSource, includeUsername, attributeMap, disabledUser);
            }
            catch (DigestSetupException ex)
            {
                // Reported by the caller as one terminating error, at the first Cognito user.
                _setupError = ex.ErrorRecord;
            }
        }

        /// <summary>See <see cref="DigestPipeline.MapSourcesNeverFound"/>; empty before the first Cognito user.</summary>
        internal IReadOnlyList<string> MapSourcesNeverFound() => _pipeline?.MapSourcesNeverFound() ?? System.Array.Empty<string>();

        internal IEnumerable<MigrationInput> Convert(PSObject input)
        {
            if (_setupError != null)
            {
                yield return MigrationInput.NotSendable(input.BaseObject, _setupError, _setupError.FullyQualifiedErrorId, isSetupError: true);
                yield break;
            }

            foreach (DigestOutcome outcome in _pipeline!.Convert(input))
            {
                IReadOnlyList<string> warnings = outcome.Warnings.Select(w => w.Message).ToList();
                CognitoMigrationUser? user = outcome.SourceUser;
                if (outcome.Digest != null && outcome.Result?.Request != null)
                {
                    string? pool = user?.UserPoolId;
                    if (pool == null && AwsCognitoDigest.TryParse(outcome.Result.Request.PasswordDigest, out string digestPool, out _, out _))
                    {
                        pool = digestPool;
                    }

                    var item = new MigrationWorkItem(outcome.Result.Request, user?.Username, pool, outcome.TargetObject);
                    yield return MigrationInput.ToSend(outcome.TargetObject, item, warnings);
                }
                else
                {
                    yield return MigrationInput.NotSendable(
                        outcome.TargetObject,
                        outcome.Error!,
                        outcome.ErrorId ?? outcome.Error!.FullyQualifiedErrorId,
                        outcome.IsSetupError,
                        user?.Username,
                        user?.UserPoolId,
                        user?.Email,
                        user?.Sub,
                        warnings);
                }
            }
        }
    }
}
