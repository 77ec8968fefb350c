namespace CognitoClerk.Engine.Removal
{
    /// <summary>
    /// Stable ErrorIds of users Remove-ClerkMigratedUser does not remove, and of its setup problems. Scripts
    /// match on these strings (FullyQualifiedErrorId starts with them): never rename, add new ones instead.
    /// </summary>
    public static class RemovalErrorIds
    {
        /// <summary>The user has signed in to Clerk since the migration: they use the new system, so they are kept unless users who signed in are to go too.</summary>
        public const string ClerkUserSignedIn = "ClerkUserSignedIn";

        /// <summary>The Clerk user's external_id is no longer the Cognito sub the migration recorded: it is not the user the module created.</summary>
        public const string ClerkUserChanged = "ClerkUserChanged";

        /// <summary>A result whose status is not Created (AlreadyMigrated, AlreadyExists, Conflict): the module did not create that Clerk user.</summary>
        public const string ClerkUserNotCreatedByModule = "ClerkUserNotCreatedByModule";

        /// <summary>A Created result without a Clerk user id: there is nothing to look up and remove.</summary>
        public const string ClerkUserIdMissing = "ClerkUserIdMissing";

        /// <summary>The journal's users were created on another Clerk instance than the one the key opens.</summary>
        public const string JournalOtherInstance = "ClerkJournalOtherInstance";

        /// <summary>Reading the users before deleting failed after the client's retries: nothing was deleted.</summary>
        public const string LookupFailed = "ClerkUserLookupFailed";

        /// <summary>Clerk refused the deletion (a 4xx such as 409 user_managed_by_scim): asking again will not change it.</summary>
        public const string DeleteRefused = "ClerkUserDeleteRefused";

        /// <summary>The deletion still failed after the client's retries (5xx, connection, timeout): run again.</summary>
        public const string DeleteFailed = "ClerkUserDeleteFailed";
    }
}
