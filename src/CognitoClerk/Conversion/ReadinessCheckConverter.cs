using CognitoClerk.Engine.Readiness;
using EngineSeverity = CognitoClerk.Engine.Readiness.ReadinessSeverity;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// The engine's check row to the public <see cref="MigrationReadinessCheck"/>. The engine names the setting a fix is
    /// about (<see cref="ReadinessSettings"/>); this says how an admin sets it, before the engine's words.
    /// </summary>
    internal static class ReadinessCheckConverter
    {
        internal static MigrationReadinessCheck ToPublic(ReadinessCheckResult result, string userPoolId, string? clientId)
        {
            string? hint = HowToSet(result.Setting);
            return new MigrationReadinessCheck
            {
                Name = result.Name,
                Passed = result.Passed,
                Skipped = result.Skipped,
                Severity = ToPublic(result.Severity).ToString(),
                Detail = hint != null && result.Fix == null ? result.Detail + " " + hint : result.Detail,
                Fix = hint != null && result.Fix != null ? hint + " " + result.Fix : result.Fix,
                UserPoolId = userPoolId,
                ClientId = clientId,
            };
        }

        /// <summary>The parameter or environment variable behind each setting a check can be about.</summary>
        private static string? HowToSet(string? setting) => setting switch
        {
            ReadinessSettings.ClientId => $"Pass the client's ID as -ClientId or $env:{EnvironmentDefaults.ClientIdVariable}.",
            ReadinessSettings.IdentifierSource => "Use -IdentifierSource Username (the default). To try another source on one user first: Test-ClerkMigratedUser.",
            ReadinessSettings.Region => "Leave -Region out, or pass -Region with the pool's region.",
            ReadinessSettings.AwsCredentials => "Pass -ProfileName or set $env:AWS_PROFILE.",
            ReadinessSettings.CognitoEndpoint => $"The endpoint comes from -EndpointUrl or $env:{EnvironmentDefaults.CognitoEndpointVariable}.",
            ReadinessSettings.ClerkSecretKey => $"Set $env:{EnvironmentDefaults.ClerkSecretKeyVariable} or pass -SecretKey (Read-Host -AsSecureString).",
            ReadinessSettings.ClerkApiUrl => $"The URL comes from -ApiUrl or $env:{EnvironmentDefaults.ClerkApiUrlVariable}.",
            _ => null,
        };

        private static ReadinessSeverity ToPublic(EngineSeverity severity) => severity switch
        {
            EngineSeverity.Error => ReadinessSeverity.Error,
            EngineSeverity.Warning => ReadinessSeverity.Warning,
            _ => ReadinessSeverity.Info,
        };
    }
}
