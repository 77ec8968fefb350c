namespace CognitoClerk.Engine.Validation
{
    /// <summary>What Clerk's verify_password said for the migrated user.</summary>
    public enum ClerkPasswordStatus
    {
        /// <summary>The step did not run: no Clerk key, declined at -Confirm, or skipped to spare a lockout attempt.</summary>
        NotRun = 0,

        /// <summary>No Clerk user with the user's external_id, email or phone.</summary>
        UserNotInClerk,

        Verified,

        IncorrectPassword,

        /// <summary>The Clerk user has no password (created without the digest, or it was removed).</summary>
        NoPasswordSet,

        /// <summary>Any other error.</summary>
        Failed,
    }
}
