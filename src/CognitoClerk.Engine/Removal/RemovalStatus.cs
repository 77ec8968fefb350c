namespace CognitoClerk.Engine.Removal
{
    /// <summary>
    /// What became of one user given to Remove-ClerkMigratedUser. The names match the module's public
    /// ClerkRemovalStatus one for one, so the cmdlet maps them by name.
    /// </summary>
    public enum RemovalStatus
    {
        /// <summary>The Clerk user was deleted.</summary>
        Removed,

        /// <summary>Left in Clerk on purpose: the user has signed in since, or is no longer the one the module created.</summary>
        Kept,

        /// <summary>Clerk has no such user (deleted already); not a failure.</summary>
        NotFound,

        /// <summary>Clerk could not be asked, or refused the deletion; nothing was deleted.</summary>
        Failed,
    }
}
