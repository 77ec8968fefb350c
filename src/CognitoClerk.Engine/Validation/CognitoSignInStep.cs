namespace CognitoClerk.Engine.Validation
{
    /// <summary>The Cognito step of a one-user validation. Never holds the password or a token.</summary>
    public sealed class CognitoSignInStep
    {
        public CognitoSignInStep(CognitoSignInStatus status, string? challengeName, string detail)
        {
            Status = status;
            ChallengeName = challengeName;
            Detail = detail;
        }

        public CognitoSignInStatus Status { get; }

        public string? ChallengeName { get; }

        /// <summary>What Cognito said and what it means for Clerk's sign-in.</summary>
        public string Detail { get; }

        public static CognitoSignInStep NotRun(string reason) => new CognitoSignInStep(CognitoSignInStatus.NotRun, null, reason);
    }
}
