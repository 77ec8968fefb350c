namespace CognitoClerk.Engine.Migration
{
    /// <summary>What becomes of a user who is disabled in Cognito (Enabled = false).</summary>
    public enum DisabledUserAction
    {
        /// <summary>Not migrated: reported as CognitoUserDisabled.</summary>
        Skip,

        /// <summary>
        /// Created with banned: true, so their identifiers and data are in Clerk but nobody can sign in as them.
        /// Their UserStatus still has to allow a password sign-in (CONFIRMED), as for every other user.
        /// </summary>
        Ban,
    }
}
