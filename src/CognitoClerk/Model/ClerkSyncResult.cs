using System;

namespace CognitoClerk
{
    /// <summary>One result per row of Sync-ClerkMigratedUser.</summary>
    public sealed class ClerkSyncResult
    {
        public ClerkSyncStatus Status { get; set; }

        public string? Username { get; set; }

        public string? ClerkUserId { get; set; }

        public string? ExternalId { get; set; }

        /// <summary>The row's state, as Get-ClerkMigrationStatus saw it.</summary>
        public ClerkMigrationState State { get; set; }

        /// <summary>What was done (or, for Planned, would be): field names, create, ban, lock, delete.</summary>
        public string[] Applied { get; set; } = Array.Empty<string>();

        /// <summary>Why something was not done, or what failed.</summary>
        public string? Reason { get; set; }

        /// <summary>For Failed: the ErrorId, or Clerk's error code.</summary>
        public string? ErrorCode { get; set; }

        public string? UserPoolId { get; set; }

        public override string ToString() => $"{Status} {Username}";
    }
}
