namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// The checks, in the order they are reported. Every run reports every one of them (skipped when it
    /// could not run), so a script can pick a row by name.
    /// </summary>
    public static class ReadinessCheckNames
    {
        public const string Region = "Region";
        public const string UserPool = "UserPool";
        public const string AppClient = "AppClient";
        public const string ClientSecret = "ClientSecret";
        public const string UserPasswordAuth = "UserPasswordAuth";
        public const string IdentifierSource = "IdentifierSource";
        public const string Mfa = "Mfa";
        public const string LambdaTriggers = "LambdaTriggers";
        public const string ClerkSecretKey = "ClerkSecretKey";
        public const string ClerkInstance = "ClerkInstance";

        public static readonly string[] All =
        {
            Region, UserPool, AppClient, ClientSecret, UserPasswordAuth, IdentifierSource, Mfa, LambdaTriggers, ClerkSecretKey, ClerkInstance,
        };
    }
}
