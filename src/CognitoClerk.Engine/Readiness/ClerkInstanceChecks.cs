using System;
using System.Collections.Generic;
using System.Globalization;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// The Clerk side: the secret key works (GET /v1/instance), which instance it opens, the request rate
    /// to plan with, and a development instance's user cap against the pool's size.
    /// </summary>
    public static class ClerkInstanceChecks
    {
        /// <summary>Clerk's docs say 100 (managing-environments); Clerk's migration tool assumes 500. Both are reported.</summary>
        public const int DocumentedDevelopmentUserCap = 100;

        public const int MigrationToolDevelopmentUserCap = 500;

        private const string KeyFix =
            "Use the secret key of the target instance, from the Clerk Dashboard (API keys; sk_live_... for production, sk_test_... for development).";

        public static IReadOnlyList<ReadinessCheckResult> NoKeyGiven()
        {
            return new[]
            {
                ReadinessCheckResult.Skip(ReadinessCheckNames.ClerkSecretKey, "no Clerk secret key was given, so Clerk was not asked.", ReadinessSettings.ClerkSecretKey),
                ReadinessCheckResult.Skip(ReadinessCheckNames.ClerkInstance, "no Clerk secret key was given."),
            };
        }

        public static IReadOnlyList<ReadinessCheckResult> Unreachable(Exception exception, MigrationReadinessRequest request)
        {
            ReadinessCheckResult key;
            if (exception is ClerkApiException api && api.IsAuthenticationFailure)
            {
                key = ReadinessCheckResult.Fail(
                    ReadinessCheckNames.ClerkSecretKey,
                    ReadinessSeverity.Error,
                    $"Clerk refused the secret key: {api.Message}",
                    KeyFix,
                    ReadinessSettings.ClerkSecretKey);
            }
            else if (exception is ClerkApiException other)
            {
                key = ReadinessCheckResult.Fail(
                    ReadinessCheckNames.ClerkSecretKey,
                    ReadinessSeverity.Error,
                    $"GET /v1/instance failed: {other.Message}",
                    null);
            }
            else
            {
                key = ReadinessCheckResult.Fail(
                    ReadinessCheckNames.ClerkSecretKey,
                    ReadinessSeverity.Error,
                    $"Clerk could not be reached at {request.ClerkApiUrl}: {exception.Message}",
                    "Check the Clerk API URL (none means https://api.clerk.com) and the network path to it.",
                    ReadinessSettings.ClerkApiUrl);
            }

            return new[] { key, ReadinessCheckResult.Skip(ReadinessCheckNames.ClerkInstance, "the Clerk secret key did not work.") };
        }

        /// <param name="pool">Null when the pool could not be read: the user cap is then not compared.</param>
        public static IReadOnlyList<ReadinessCheckResult> Evaluate(ClerkInstanceInfo instance, CognitoUserPool? pool)
        {
            string environment = string.IsNullOrEmpty(instance.EnvironmentType) ? "unknown" : instance.EnvironmentType;
            var key = ReadinessCheckResult.Pass(
                ReadinessCheckNames.ClerkSecretKey,
                $"Clerk accepted the key: instance {instance.Id} ({environment}).");

            int perTenSeconds = instance.DocumentedRequestsPer10Seconds;
            int? users = pool?.EstimatedNumberOfUsers;
            string rate = $"Clerk allows {perTenSeconds} requests per 10 s, about {perTenSeconds / 10} users/s" +
                (users is int n && n > 0 ? $": about {FormatDuration(n / (perTenSeconds / 10.0))} for the pool's ~{n} users." : ".");

            if (instance.IsProduction)
            {
                return new[] { key, ReadinessCheckResult.Pass(ReadinessCheckNames.ClerkInstance, "Production instance. " + rate) };
            }

            string cap =
                $"Development instances are capped at {DocumentedDevelopmentUserCap} users by Clerk's docs ({MigrationToolDevelopmentUserCap} by Clerk's migration tool), counting the users already there; creates beyond the cap fail with user_quota_exceeded.";
            if (users is int estimate && estimate > DocumentedDevelopmentUserCap)
            {
                return new[]
                {
                    key,
                    ReadinessCheckResult.Fail(
                        ReadinessCheckNames.ClerkInstance,
                        ReadinessSeverity.Warning,
                        $"Development instance, and the pool has about {estimate} users. {cap} {rate}",
                        "Rehearse on the development instance with a few users (Get-CognitoMigrationUser | Select-Object -First 50 | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser), " +
                        "then migrate everyone with the production instance's key (sk_live_...). Users cannot be moved from a development instance to production."),
                };
            }

            string size = users is int known ? $" The pool has about {known} users (Cognito's estimate)." : string.Empty;
            return new[] { key, ReadinessCheckResult.Pass(ReadinessCheckNames.ClerkInstance, $"Development instance.{size} {cap} {rate}") };
        }

        private static string FormatDuration(double seconds)
        {
            if (seconds < 90)
            {
                return Math.Max(1, Math.Ceiling(seconds)).ToString(CultureInfo.InvariantCulture) + " s";
            }

            if (seconds < 90 * 60)
            {
                return Math.Ceiling(seconds / 60).ToString(CultureInfo.InvariantCulture) + " min";
            }

            return (seconds / 3600).ToString("0.#", CultureInfo.InvariantCulture) + " h";
        }
    }
}
