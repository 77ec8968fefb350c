namespace CognitoClerk
{
    /// <summary>One result per input user of New-ClerkMigratedUser.</summary>
    public sealed class ClerkMigrationResult
    {
        /// <summary>
        /// A <see cref="ClerkMigrationStatus"/> name: Created, AlreadyMigrated, AlreadyExists, Conflict, Skipped or Failed.
        /// Text rather than the enum so that ConvertTo-Json writes "Created", not 0.
        /// </summary>
        public string Status { get; set; } = string.Empty;

        public string? ClerkUserId { get; set; }

        public string? CognitoUsername { get; set; }

        public string? Email { get; set; }

        /// <summary>The Cognito sub, sent as Clerk's external_id.</summary>
        public string? ExternalId { get; set; }

        public string? UserPoolId { get; set; }

        /// <summary>Clerk's error code (e.g. form_identifier_exists) or this module's ErrorId for a skipped user.</summary>
        public string? ErrorCode { get; set; }

        /// <summary>clerk_trace_id of the failed request: give it to Clerk support.</summary>
        public string? TraceId { get; set; }

        /// <summary>Why the user was skipped or failed, in words.</summary>
        public string? Reason { get; set; }

        /// <summary>For Conflict (and AlreadyExists when known): the other Clerk user that holds this user's email or phone number.</summary>
        public string? ConflictingClerkUserId { get; set; }

        /// <summary>True when the status was read from the -JournalPath journal of an earlier run: nothing was sent to Clerk.</summary>
        public bool FromJournal { get; set; }

        public override string ToString() => $"{Status} {CognitoUsername}";
    }
}
