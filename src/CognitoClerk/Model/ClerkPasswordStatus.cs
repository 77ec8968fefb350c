namespace CognitoClerk
{
    /// <summary>What Clerk's verify_password answered for a migrated user.</summary>
    public enum ClerkPasswordStatus
    {
        /// <summary>Not asked: no Clerk key, declined at -Confirm, or skipped after Cognito refused the password (to spare a lockout attempt).</summary>
        NotRun = 0,

        /// <summary>No Clerk user has the user's external_id, email or phone number.</summary>
        UserNotInClerk,

        /// <summary>Clerk accepted the password.</summary>
        Verified,

        /// <summary>Clerk refused the password.</summary>
        IncorrectPassword,

        /// <summary>The Clerk user has no password.</summary>
        NoPasswordSet,

        /// <summary>The call failed for another reason; see ClerkDetail.</summary>
        Failed,
    }
}
