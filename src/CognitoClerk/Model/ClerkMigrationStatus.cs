namespace CognitoClerk
{
    /// <summary>What happened to one input user in New-ClerkMigratedUser.</summary>
    public enum ClerkMigrationStatus
    {
        /// <summary>A new Clerk user was created.</summary>
        Created,

        /// <summary>Clerk already has a user with this external_id (the Cognito sub): migrated before.</summary>
        AlreadyMigrated,

        /// <summary>Clerk refused the create because an identifier (email, phone, username) already exists (422 form_identifier_exists).</summary>
        AlreadyExists,

        /// <summary>The email or phone belongs to a Clerk user with another external_id.</summary>
        Conflict,

        /// <summary>The user cannot be migrated (cannot sign in with a Cognito password, or has no usable identifier).</summary>
        Skipped,

        /// <summary>Clerk refused the user, or the request failed after its retries.</summary>
        Failed,
    }
}
