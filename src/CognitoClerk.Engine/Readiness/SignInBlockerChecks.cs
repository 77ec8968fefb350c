using System;
using System.Collections.Generic;
using System.Linq;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// Pool settings that stand between a correct password and the tokens Clerk's sign-in needs: MFA
    /// (Clerk cannot answer a challenge) and the Lambda triggers that run on a password sign-in.
    /// </summary>
    public static class SignInBlockerChecks
    {
        /// <summary>Triggers Cognito runs on USER_PASSWORD_AUTH, with what each means for Clerk's call.</summary>
        private static readonly KeyValuePair<string, string>[] SignInTriggers =
        {
            new KeyValuePair<string, string>("PreAuthentication", "runs before every password check and can reject the sign-in (Clerk reports aws_cognito_user_lambda_validation_failed)"),
            new KeyValuePair<string, string>("PostAuthentication", "runs after every successful password check; if it fails, so does the sign-in"),
            new KeyValuePair<string, string>("PreTokenGeneration", "runs before tokens are issued on every sign-in; if it fails, so does the sign-in"),
            new KeyValuePair<string, string>("PreTokenGenerationConfig", "runs before tokens are issued on every sign-in; if it fails, so does the sign-in"),
            new KeyValuePair<string, string>("UserMigration", "runs only for names that are not in the pool, and receives the typed password; users already in the pool never reach it"),
        };

        public static ReadinessCheckResult Mfa(CognitoUserPool pool, MigrationReadinessRequest request)
        {
            string mfa = (pool.MfaConfiguration ?? "OFF").Trim().ToUpperInvariant();
            string review = "The pool's MFA settings: " + request.Cli.GetUserPoolMfaConfig(request.UserPoolId);
            switch (mfa)
            {
                case "ON":
                    return ReadinessCheckResult.Fail(
                        ReadinessCheckNames.Mfa,
                        ReadinessSeverity.Error,
                        "MFA is required (MfaConfiguration ON): Cognito answers every USER_PASSWORD_AUTH with an MFA challenge (or MFA_SETUP) instead of tokens, and Clerk cannot answer it, so no user's Cognito password can be verified by Clerk.",
                        "Either relax MFA to OPTIONAL for the migration window if your pool allows it and your security policy accepts it, or migrate these users without their Cognito password (they reset it in Clerk). " + review);
                case "OPTIONAL":
                    return ReadinessCheckResult.Fail(
                        ReadinessCheckNames.Mfa,
                        ReadinessSeverity.Warning,
                        "MFA is optional (MfaConfiguration OPTIONAL): users who turned it on get an MFA challenge instead of tokens, and Clerk's sign-in fails for them; everyone else is unaffected.",
                        "Plan a password reset in Clerk (and MFA enrolment) for users with MFA. A user's MFA: " +
                        request.Cli.AdminGetUser(request.UserPoolId, "<username>") + " (UserMFASettingList); or try one user with Test-ClerkMigratedUser. " + review);
                default:
                    return ReadinessCheckResult.Pass(
                        ReadinessCheckNames.Mfa,
                        $"MFA is {mfa}: Cognito answers Clerk's call with tokens, not a challenge.");
            }
        }

        public static ReadinessCheckResult LambdaTriggers(CognitoUserPool pool, MigrationReadinessRequest request)
        {
            IReadOnlyDictionary<string, string> configured = pool.LambdaTriggers ?? new Dictionary<string, string>();
            var found = SignInTriggers
                .Where(t => configured.ContainsKey(t.Key))
                .Select(t => $"{t.Key} ({configured[t.Key]}) {t.Value}")
                .ToList();

            if (found.Count == 0)
            {
                return ReadinessCheckResult.Pass(
                    ReadinessCheckNames.LambdaTriggers,
                    "No Lambda trigger runs on a password sign-in in this pool.");
            }

            string detail = "Lambda triggers on the sign-in path: " + string.Join("; ", found) + ".";
            if (!configured.ContainsKey("PreAuthentication"))
            {
                return ReadinessCheckResult.Pass(ReadinessCheckNames.LambdaTriggers, detail + " None of them is meant to reject a sign-in.");
            }

            return ReadinessCheckResult.Fail(
                ReadinessCheckNames.LambdaTriggers,
                ReadinessSeverity.Warning,
                detail + $" Clerk's call arrives from Clerk's servers through app client {request.ClientId ?? "<client>"} with no ClientMetadata.",
                "Check that the pre-authentication function lets sign-ins through this client (read its code: aws lambda get-function --function-name " +
                configured["PreAuthentication"] + "), then try one user with Test-ClerkMigratedUser.");
        }

        public static IReadOnlyList<ReadinessCheckResult> PoolUnreadable()
        {
            return new[]
            {
                ReadinessCheckResult.Skip(ReadinessCheckNames.Mfa, "the user pool could not be read."),
                ReadinessCheckResult.Skip(ReadinessCheckNames.LambdaTriggers, "the user pool could not be read."),
            };
        }
    }
}
