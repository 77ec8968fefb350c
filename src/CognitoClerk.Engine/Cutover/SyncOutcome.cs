using System;
using System.Collections.Generic;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>What a sync did with one row: the status, what was changed, and why anything was not.</summary>
    public sealed class SyncOutcome
    {
        public SyncOutcome(SyncRow row, SyncStatus status, IReadOnlyList<string>? applied = null, string? reason = null)
        {
            Row = row ?? throw new ArgumentNullException(nameof(row));
            Status = status;
            Applied = applied ?? Array.Empty<string>();
            Reason = reason;
        }

        public SyncRow Row { get; }

        public SyncStatus Status { get; }

        /// <summary>What was changed: field names, then ban, lock or delete.</summary>
        public IReadOnlyList<string> Applied { get; }

        /// <summary>Why something was not done (or, for <see cref="SyncStatus.Failed"/>, what failed).</summary>
        public string? Reason { get; }

        /// <summary>For <see cref="SyncStatus.Failed"/>: a stable id of what failed.</summary>
        public string? ErrorId { get; set; }

        public Exception? Error { get; set; }

        /// <summary>The Clerk user id, when the sync learnt it (a created user).</summary>
        public string? ClerkUserId { get; set; }
    }
}
