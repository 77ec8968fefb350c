using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Resolve the settings, read any pipeline object as Cognito users, map each to its Clerk digest: the
    /// one conversion path shared by ConvertTo-ClerkCognitoDigest and by New-ClerkMigratedUser when it is
    /// given Cognito users directly, so both convert alike with the same parameters. Offline.
    /// </summary>
    internal sealed class DigestPipeline
    {
        private DigestPipeline(DigestOptions options, string clientIdSource, string? userPoolIdSource)
        {
            Options = options;
            ClientIdSource = clientIdSource;
            UserPoolIdSource = userPoolIdSource;
        }

        /// <summary>The resolved settings (client ID and fallback pool ID after the environment defaults).</summary>
        internal DigestOptions Options { get; }

        /// <summary>Where the client ID came from ("-ClientId" or "$env:COGNITO_CLIENT_ID"), for verbose output.</summary>
        internal string ClientIdSource { get; }

        /// <summary>Where the fallback pool ID came from, or null when there is none (each user must carry its own).</summary>
        internal string? UserPoolIdSource { get; }

        /// <summary>
        /// Applies the defaults and checks what is the same for every user.
        /// </summary>
        /// <param name="clientId">The bound -ClientId, or null to use $env:COGNITO_CLIENT_ID.</param>
        /// <param name="userPoolId">The bound -UserPoolId, or null: then each user's own pool, else $env:COGNITO_USER_POOL_ID.</param>
        /// <param name="identifierSource">Already resolved: Auto is refused (IdentifierSourceUnresolved).</param>
        /// <param name="includeUsername">-IncludeUsername.</param>
        /// <exception cref="DigestSetupException">No client ID, a malformed client or pool ID, or Auto: terminate once.</exception>
        internal static DigestPipeline Create(string? clientId, string? userPoolId, CognitoClerk.IdentifierSource identifierSource, bool includeUsername)
        {
            string? explicitClientId = NullIfBlank(clientId);
            string? explicitPool = NullIfBlank(userPoolId);
            string? environmentPool = explicitPool == null ? EnvironmentDefaults.UserPoolId : null;

            string clientIdSource = explicitClientId != null ? "-ClientId" : "$env:" + EnvironmentDefaults.ClientIdVariable;
            string? poolSource = explicitPool != null ? "-UserPoolId"
                : environmentPool != null ? "$env:" + EnvironmentDefaults.UserPoolIdVariable
                : null;

            var options = new DigestOptions
            {
                ClientId = explicitClientId ?? EnvironmentDefaults.ClientId ?? string.Empty,
                UserPoolId = explicitPool ?? environmentPool,
                UserPoolIdIsExplicit = explicitPool != null,
                IdentifierSource = IdentifierSourceConverter.ToEngine(identifierSource),
                IncludeUsername = includeUsername,
            };

            MigrationSkip? problem = CognitoDigestMapper.CheckOptions(options);
            if (problem != null)
            {
                string reason = problem.Reason;
                if (problem.ErrorId == MigrationErrorIds.UserPoolIdInvalid)
                {
                    reason += $" (from {poolSource})";
                }
                else if (problem.ErrorId == MigrationErrorIds.ClientIdInvalid)
                {
                    reason += $" (from {clientIdSource})";
                }

                throw new DigestSetupException(NewErrorRecord(problem.ErrorId, reason, null, null));
            }

            return new DigestPipeline(options, clientIdSource, poolSource);
        }

        /// <summary>
        /// Converts one pipeline object: usually one outcome, several for a list-users response or a
        /// collection, none for an empty one. Never throws for bad input; each problem is an outcome.
        /// </summary>
        internal IEnumerable<DigestOutcome> Convert(object input)
        {
            foreach (CognitoUserReadResult read in CognitoUserReader.Read(input))
            {
                yield return Convert(read);
            }
        }

        private DigestOutcome Convert(CognitoUserReadResult read)
        {
            if (read.User == null)
            {
                string errorId = read.ErrorId ?? InputErrorIds.InputNotCognitoUser;
                return new DigestOutcome(
                    read.Source, null, null, null, errorId,
                    NewErrorRecord(errorId, read.Reason ?? errorId, read.Source, null), false, read.Warnings);
            }

            DigestResult result = CognitoDigestMapper.Map(read.User, Options);
            if (result.Request == null)
            {
                // No warnings: a field left out of a payload that is never sent is not news.
                MigrationSkip skip = result.Skip!;
                CognitoMigrationUser skippedUser = read.TypedUser ?? MigrationUserConverter.ToPublic(read.User);
                return new DigestOutcome(
                    read.Source, skippedUser, result, null, skip.ErrorId,
                    NewErrorRecord(skip.ErrorId, skip.Reason, read.Source, read.User.Username),
                    MigrationErrorCategories.IsSetupProblem(skip.ErrorId), null);
            }

            IReadOnlyList<MigrationWarning> warnings = read.Warnings.Count == 0 ? result.Warnings : read.Warnings.Concat(result.Warnings).ToList();

            CognitoMigrationUser sourceUser = read.TypedUser ?? PublicUserWithPool(read.User, result);
            ClerkCognitoDigest digest = DigestConverter.ToPublic(result.Request, sourceUser);
            return new DigestOutcome(read.Source, sourceUser, result, digest, null, null, false, warnings);
        }

        /// <summary>Input without a pool (aws CLI JSON) gets the pool its digest names, so reports can say where the user lives.</summary>
        private CognitoMigrationUser PublicUserWithPool(CognitoUser user, DigestResult result)
        {
            CognitoMigrationUser sourceUser = MigrationUserConverter.ToPublic(user);
            if (sourceUser.UserPoolId == null
                && AwsCognitoDigest.TryParse(result.Request!.PasswordDigest, out string pool, out _, out _))
            {
                sourceUser.UserPoolId = pool;
            }

            return sourceUser;
        }

        private static ErrorRecord NewErrorRecord(string errorId, string reason, object? target, string? username)
        {
            ErrorCategory category = MigrationErrorCategories.For(errorId);
            Exception exception = category == ErrorCategory.InvalidArgument || category == ErrorCategory.InvalidType
                ? new ArgumentException(reason)
                : new InvalidOperationException(reason);
            var record = new ErrorRecord(exception, errorId, category, target);
            if (username != null)
            {
                // Otherwise PowerShell shows the whole object (@{Username=...; Attributes=...}) as the target's name.
                record.CategoryInfo.TargetName = CognitoClerk.Engine.Text.ConsoleText.Escape(username);
            }

            return record;
        }

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
