namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// The settings of a migration a failed check can be about. A check names the setting (<see cref="ReadinessCheckResult.Setting"/>)
    /// and explains in the domain's words; the caller says how its user sets it (a parameter, an environment variable).
    /// </summary>
    public static class ReadinessSettings
    {
        /// <summary>The public app client Clerk will call.</summary>
        public const string ClientId = "ClientId";

        /// <summary>The value the digest holds as the sign-in identifier.</summary>
        public const string IdentifierSource = "IdentifierSource";

        /// <summary>The AWS region the module calls Cognito in.</summary>
        public const string Region = "Region";

        /// <summary>The AWS credentials (a named profile, or the default chain).</summary>
        public const string AwsCredentials = "AwsCredentials";

        /// <summary>The Cognito endpoint, when it is not AWS's public one.</summary>
        public const string CognitoEndpoint = "CognitoEndpoint";

        /// <summary>The Clerk secret key of the target instance.</summary>
        public const string ClerkSecretKey = "ClerkSecretKey";

        /// <summary>The URL of Clerk's Backend API.</summary>
        public const string ClerkApiUrl = "ClerkApiUrl";
    }
}
