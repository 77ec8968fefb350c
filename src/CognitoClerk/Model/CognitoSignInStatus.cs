namespace CognitoClerk
{
    /// <summary>What Cognito answered the InitiateAuth call Clerk will make for a migrated user.</summary>
    public enum CognitoSignInStatus
    {
        /// <summary>The step did not run (declined at -Confirm, or -WhatIf).</summary>
        NotRun = 0,

        /// <summary>Cognito issued tokens: Clerk's sign-in would succeed.</summary>
        Authenticated,

        /// <summary>NotAuthorizedException: a wrong password, a disabled user, or a hidden unknown user.</summary>
        WrongPassword,

        /// <summary>UserNotFoundException: the identifier is not a sign-in name of this pool.</summary>
        UserNotFound,

        /// <summary>UserNotConfirmedException: the user never confirmed their sign-up.</summary>
        UserNotConfirmed,

        /// <summary>PasswordResetRequiredException: the user must reset their password.</summary>
        PasswordResetRequired,

        /// <summary>A challenge (NEW_PASSWORD_REQUIRED, SMS_MFA, SOFTWARE_TOKEN_MFA, ...) that Clerk cannot answer.</summary>
        Challenge,

        /// <summary>The call failed for another reason; see CognitoDetail.</summary>
        Failed,
    }
}
