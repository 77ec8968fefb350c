using System;

namespace CognitoClerk.Engine.Removal
{
    /// <summary>
    /// What reading the user from Clerk decided for one candidate: either settled without a deletion
    /// (<see cref="Settled"/>: NotFound, Kept, Failed), or to be removed, which the caller confirms
    /// (ShouldProcess) before <see cref="MigratedUserRemover.RemoveAsync(RemovalCheck, System.Threading.CancellationToken)"/>.
    /// </summary>
    public sealed class RemovalCheck
    {
        internal RemovalCheck(RemovalCandidate candidate, RemovalOutcome? settled, DateTimeOffset? lastSignInAt)
        {
            Candidate = candidate;
            Settled = settled;
            LastSignInAt = lastSignInAt;
        }

        public RemovalCandidate Candidate { get; }

        /// <summary>Set when there is nothing to delete: the outcome is final.</summary>
        public RemovalOutcome? Settled { get; }

        public bool ShouldRemove => Settled == null;

        /// <summary>When the user last signed in, if they have: only a removal with -Force goes ahead then.</summary>
        public DateTimeOffset? LastSignInAt { get; }
    }
}
