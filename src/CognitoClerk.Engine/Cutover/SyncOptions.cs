using System;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>What a sync may do, and how hard it works.</summary>
    public sealed class SyncOptions
    {
        private int _throttleLimit = 10;

        public SyncOptions(DigestOptions digest) => Digest = digest ?? throw new ArgumentNullException(nameof(digest));

        /// <summary>The mapping Clerk is brought in step with (the same options as the migration's).</summary>
        public DigestOptions Digest { get; }

        public DisabledInCognitoAction DisabledAction { get; set; } = DisabledInCognitoAction.Ban;

        public DeletedInCognitoAction DeletedAction { get; set; } = DeletedInCognitoAction.Ban;

        /// <summary>
        /// Also change users who signed in to Clerk. Off by default: once a user has signed in, Clerk is their
        /// source of truth, and admins commonly disable or delete users in Cognito once they have moved.
        /// </summary>
        public bool IncludeSignedIn { get; set; }

        /// <summary>Users changed at once (each user's own calls go one after another).</summary>
        public int ThrottleLimit
        {
            get => _throttleLimit;
            set => _throttleLimit = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "ThrottleLimit must be at least 1.");
        }

        /// <summary>Rows accepted and not yet taken back.</summary>
        public int MaxPending => 2 * _throttleLimit + 4;

        public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
    }
}
