using System;

namespace CognitoClerk.Engine.Removal
{
    /// <summary>The result for one <see cref="RemovalCandidate"/>.</summary>
    public sealed class RemovalOutcome
    {
        public RemovalOutcome(RemovalCandidate candidate, RemovalStatus status)
        {
            Candidate = candidate ?? throw new ArgumentNullException(nameof(candidate));
            Status = status;
        }

        public RemovalCandidate Candidate { get; }

        public RemovalStatus Status { get; }

        /// <summary>A <see cref="RemovalErrorIds"/> value for Kept and Failed; null otherwise.</summary>
        public string? ErrorId { get; set; }

        /// <summary>Clerk's error code, when Clerk sent one.</summary>
        public string? ErrorCode { get; set; }

        public string? TraceId { get; set; }

        /// <summary>When the user last signed in to Clerk, as Clerk said just before the decision.</summary>
        public DateTimeOffset? LastSignInAt { get; set; }

        /// <summary>The external_id Clerk holds now, when it differs from the recorded one.</summary>
        public string? CurrentExternalId { get; set; }

        /// <summary>Why, in words; never a secret.</summary>
        public string? Reason { get; set; }

        public Exception? Exception { get; set; }

        /// <summary>Kept and Failed are reported as errors; Removed and NotFound are not.</summary>
        public bool IsError => Status == RemovalStatus.Kept || Status == RemovalStatus.Failed;

        public override string ToString() => $"{Status} {Candidate.DisplayName}";
    }
}
