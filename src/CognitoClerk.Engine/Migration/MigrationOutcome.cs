using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>The result for one <see cref="MigrationWorkItem"/>: exactly one per item posted.</summary>
    public sealed class MigrationOutcome
    {
        public MigrationOutcome(MigrationWorkItem item, MigrationStatus status)
        {
            Item = item ?? throw new ArgumentNullException(nameof(item));
            Status = status;
        }

        public MigrationWorkItem Item { get; }

        public MigrationStatus Status { get; }

        /// <summary>The Clerk user that is this Cognito user (Created, AlreadyMigrated).</summary>
        public string? ClerkUserId { get; set; }

        /// <summary>For Conflict and AlreadyExists: the other Clerk user that holds the email or phone number.</summary>
        public string? ConflictingClerkUserId { get; set; }

        /// <summary>
        /// A stable id for scripts when the outcome is an error: a <see cref="MigrationErrorIds"/> value, or the
        /// conversion's ErrorId for a Skipped user.
        /// </summary>
        public string? ErrorId { get; set; }

        /// <summary>Clerk's error code (form_identifier_exists, form_param_unknown, ...), when Clerk sent one.</summary>
        public string? ErrorCode { get; set; }

        /// <summary>HTTP status of the failing answer, when there was one.</summary>
        public int? HttpStatus { get; set; }

        /// <summary>clerk_trace_id of the failing request.</summary>
        public string? TraceId { get; set; }

        /// <summary>Why, in words; never contains a secret.</summary>
        public string? Reason { get; set; }

        /// <summary>
        /// True when the journal of an earlier run claimed this user: confirmed by the lookup (Clerk holds them, no
        /// create was sent), or in a dry run, reported as the journal's claim without a call.
        /// </summary>
        public bool FromJournal { get; set; }

        /// <summary>The failure behind a Failed outcome, for the caller's error record.</summary>
        public Exception? Exception { get; set; }

        /// <summary>
        /// A user the journal of an earlier run claims is in Clerk, reported without asking Clerk: only for a dry run
        /// (-WhatIf), which makes no call. A real run confirms every claim with the external_id lookup instead.
        /// </summary>
        public static MigrationOutcome FromUnconfirmedJournalClaim(MigrationWorkItem item, JournalClaim claim)
        {
            return new MigrationOutcome(item, MigrationStatus.AlreadyMigrated)
            {
                ClerkUserId = claim.ClerkUserId,
                FromJournal = true,
                Reason = "Finished in an earlier run (journal); not confirmed with Clerk, as a dry run makes no call (a real run confirms it first).",
            };
        }

        public bool IsError => Status == MigrationStatus.Failed || Status == MigrationStatus.Conflict || Status == MigrationStatus.AlreadyExists || Status == MigrationStatus.Skipped;

        public override string ToString() => $"{Status} {Item.DisplayName}";
    }
}
