using System;

namespace CognitoClerk
{
    /// <summary>One result per row of Sync-ClerkMigratedUser.</summary>
    public sealed class ClerkSyncResult
    {
        /// <summary>
        /// Created, Updated, Banned, Locked, Deleted, Unbanned, Unlocked, InStep, Skipped, Planned or Failed. Text rather than an enum so that
        /// ConvertTo-Json and Export-Csv write the name, not a number.
        /// </summary>
        public string Status { get; set; } = string.Empty;

        public string? Username { get; set; }

        public string? ClerkUserId { get; set; }

        public string? ExternalId { get; set; }

        /// <summary>The row's state, as Get-ClerkMigrationStatus saw it.</summary>
        public string State { get; set; } = string.Empty;

        /// <summary>What was done (or, for Planned, would be): field names, create, ban, lock, delete, unban, unlock, forget ban record.</summary>
        public ClerkValueList Applied { get; set; } = new ClerkValueList();

        /// <summary>Why something was not done, or what failed.</summary>
        public string? Reason { get; set; }

        /// <summary>For Failed: the ErrorId, or Clerk's error code.</summary>
        public string? ErrorCode { get; set; }

        public string? UserPoolId { get; set; }

        public override string ToString() => $"{Status} {Username}";
    }
}
