namespace CognitoClerk.Conversion
{
    /// <summary>
    /// One migration result read from Remove-ClerkMigratedUser's input: a user the module created (to check and
    /// perhaps remove), a Clerk user it did not create (kept), no Clerk user at all (nothing to do), or an object
    /// that cannot be read (an error).
    /// </summary>
    internal sealed class RemovalInput
    {
        internal RemovalInputKind Kind { get; set; }

        internal object Source { get; set; } = null!;

        internal string? ClerkUserId { get; set; }

        internal string? ExternalId { get; set; }

        internal string? CognitoUsername { get; set; }

        internal string? UserPoolId { get; set; }

        /// <summary>The migration status the input carries (Created, AlreadyMigrated, ...), when it has one.</summary>
        internal string? MigrationStatus { get; set; }

        /// <summary>For <see cref="RemovalInputKind.Unreadable"/> and <see cref="RemovalInputKind.NotCreatedByModule"/>: an ErrorId.</summary>
        internal string? ErrorId { get; set; }

        internal string? Reason { get; set; }

        internal string DisplayName => CognitoUsername ?? ExternalId ?? ClerkUserId ?? "(unnamed user)";
    }

    internal enum RemovalInputKind
    {
        /// <summary>Status Created with a Clerk user id: checked against Clerk, then removed if it still qualifies.</summary>
        Candidate,

        /// <summary>A Clerk user exists but the module did not create it (AlreadyMigrated, AlreadyExists, Conflict): kept.</summary>
        NotCreatedByModule,

        /// <summary>No Clerk user came of it (Skipped, Failed): nothing to remove.</summary>
        NoClerkUser,

        /// <summary>Not a migration result, or one that names no Clerk user.</summary>
        Unreadable,
    }
}
