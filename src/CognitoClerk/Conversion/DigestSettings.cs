using CognitoClerk.Engine.Migration;
using CognitoClerk.Errors;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// The conversion parameters of ConvertTo-ClerkCognitoDigest (and of New-ClerkMigratedUser given Cognito
    /// users) with the environment's defaults, as the engine's <see cref="DigestOptions"/>, and where each value
    /// came from, so messages can say which parameter or variable to fix. What is the same for every user is
    /// checked once here, by the engine's rule (<see cref="CognitoDigestMapper.CheckOptions"/>).
    /// </summary>
    internal sealed class DigestSettings
    {
        private DigestSettings(DigestOptions options, string clientIdSource, string? userPoolIdSource)
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

        /// <summary>Applies the defaults and checks what is the same for every user.</summary>
        /// <param name="clientId">The bound -ClientId, or null to use $env:COGNITO_CLIENT_ID.</param>
        /// <param name="userPoolId">The bound -UserPoolId, or null: then each user's own pool, else $env:COGNITO_USER_POOL_ID.</param>
        /// <param name="identifierSource">-IdentifierSource (Auto is Username).</param>
        /// <param name="includeUsername">-IncludeUsername.</param>
        /// <param name="setupError">No client ID, a malformed client or pool ID, or an attribute map that cannot apply to anyone: the caller stops once, before the first user.</param>
        /// <param name="attributeMap">-AttributeMap, or null for every value in its default place.</param>
        /// <param name="disabledUser">-DisabledUser.</param>
        internal static DigestSettings? Resolve(
            string? clientId,
            string? userPoolId,
            IdentifierSource identifierSource,
            bool includeUsername,
            System.Collections.IDictionary? attributeMap,
            DisabledUserAction disabledUser,
            out System.Management.Automation.ErrorRecord? setupError)
        {
            MetadataAttributeMap? map = AttributeMapConverter.ToEngine(attributeMap, out setupError);
            if (map == null)
            {
                return null;
            }

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
                AttributeMap = map,
                DisabledUser = disabledUser == DisabledUserAction.Ban
                    ? CognitoClerk.Engine.Migration.DisabledUserAction.Ban
                    : CognitoClerk.Engine.Migration.DisabledUserAction.Skip,
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

                setupError = ErrorRecords.Create(problem.ErrorId, reason, null);
                return null;
            }

            setupError = null;
            return new DigestSettings(options, clientIdSource, poolSource);
        }

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
