namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// What happened to one user handed to the <see cref="MigrationRunner"/>. The names match the
    /// module's public ClerkMigrationStatus one for one, so the cmdlet maps them by name.
    /// </summary>
    public enum MigrationStatus
    {
        /// <summary>This run created the Clerk user.</summary>
        Created,

        /// <summary>Clerk already has a user with this external_id (the Cognito sub): migrated before, or created by this run through a lost response.</summary>
        AlreadyMigrated,

        /// <summary>Clerk refused the create as a duplicate and no existing user could be attributed (e.g. a username taken).</summary>
        AlreadyExists,

        /// <summary>The email or phone number belongs to a Clerk user with another external_id.</summary>
        Conflict,

        /// <summary>Not migratable; decided before any Clerk call (by the digest conversion).</summary>
        Skipped,

        /// <summary>Clerk refused the user (4xx), or the request still failed after its retries.</summary>
        Failed,
    }
}
