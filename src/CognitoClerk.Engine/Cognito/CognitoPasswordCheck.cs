namespace CognitoClerk.Engine.Cognito
{
    /// <summary>How Cognito answered USER_PASSWORD_AUTH for one user and password.</summary>
    public enum CognitoPasswordOutcome
    {
        /// <summary>Tokens were issued: Clerk's sign-in would succeed.</summary>
        Authenticated,

        /// <summary>The password was accepted but Cognito asked for a challenge (MFA, NEW_PASSWORD_REQUIRED): Clerk's sign-in would fail.</summary>
        Challenge,

        /// <summary>NotAuthorizedException (or cognito-local's InvalidPasswordException).</summary>
        WrongPassword,

        UserNotFound,

        UserNotConfirmed,

        PasswordResetRequired,
    }

    /// <summary>The result of <see cref="ICognitoIdentityProvider.CheckPasswordAsync"/>; never holds tokens.</summary>
    public sealed class CognitoPasswordCheck
    {
        public CognitoPasswordCheck(CognitoPasswordOutcome outcome, string? challengeName = null, string? message = null)
        {
            Outcome = outcome;
            ChallengeName = challengeName;
            Message = message;
        }

        public CognitoPasswordOutcome Outcome { get; }

        public string? ChallengeName { get; }

        /// <summary>Cognito's message, which never contains the password.</summary>
        public string? Message { get; }
    }
}
