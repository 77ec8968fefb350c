namespace CognitoClerk
{
    /// <summary>What happened to one user in Remove-ClerkMigratedUser.</summary>
    public enum ClerkRemovalStatus
    {
        /// <summary>The Clerk user was deleted.</summary>
        Removed,

        /// <summary>Left in Clerk: the user signed in since (ClerkUserSignedIn), or is no longer the user the module created (ClerkUserChanged, ClerkUserNotCreatedByModule).</summary>
        Kept,

        /// <summary>Clerk has no such user any more: already removed. Not a failure.</summary>
        NotFound,

        /// <summary>Clerk could not be asked, or refused the deletion; nothing was deleted.</summary>
        Failed,
    }
}
