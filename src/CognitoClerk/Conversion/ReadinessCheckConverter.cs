using CognitoClerk.Engine.Readiness;
using EngineSeverity = CognitoClerk.Engine.Readiness.ReadinessSeverity;

namespace CognitoClerk.Conversion
{
    /// <summary>The engine's check row to the public <see cref="MigrationReadinessCheck"/>.</summary>
    internal static class ReadinessCheckConverter
    {
        internal static MigrationReadinessCheck ToPublic(ReadinessCheckResult result, string userPoolId, string? clientId)
        {
            return new MigrationReadinessCheck
            {
                Name = result.Name,
                Passed = result.Passed,
                Skipped = result.Skipped,
                Severity = ToPublic(result.Severity).ToString(),
                Detail = result.Detail,
                Fix = result.Fix,
                UserPoolId = userPoolId,
                ClientId = clientId,
            };
        }

        private static ReadinessSeverity ToPublic(EngineSeverity severity) => severity switch
        {
            EngineSeverity.Error => ReadinessSeverity.Error,
            EngineSeverity.Warning => ReadinessSeverity.Warning,
            _ => ReadinessSeverity.Info,
        };
    }
}
