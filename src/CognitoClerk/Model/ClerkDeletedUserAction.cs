namespace CognitoClerk
{
    /// <summary>Sync-ClerkMigratedUser -DeletedAction: what happens in Clerk to a user deleted in Cognito since the import.</summary>
    public enum ClerkDeletedUserAction
    {
        /// <summary>Banned: sessions revoked, no sign-in; the user and their data stay.</summary>
        Ban,

        /// <summary>The Clerk user and their data are deleted.</summary>
        Delete,

        /// <summary>Reported only.</summary>
        None,
    }
}
