namespace CognitoClerk.Engine.Validation
{
    /// <summary>What Cognito answered the InitiateAuth Clerk will make, and so what Clerk's sign-in would get.</summary>
    public enum CognitoSignInStatus
    {
        /// <summary>The step did not run (declined at -Confirm).</summary>
        NotRun = 0,

        /// <summary>Tokens: Clerk's sign-in would succeed.</summary>
        Authenticated,

        /// <summary>Refused (NotAuthorizedException): wrong password, or a disabled or (with PreventUserExistenceErrors) unknown user.</summary>
        WrongPassword,

        UserNotFound,

        UserNotConfirmed,

        PasswordResetRequired,

        /// <summary>A challenge (NEW_PASSWORD_REQUIRED, SMS_MFA, SOFTWARE_TOKEN_MFA, ...) that Clerk cannot answer.</summary>
        Challenge,

        /// <summary>Any other error: the call itself failed.</summary>
        Failed,
    }
}
