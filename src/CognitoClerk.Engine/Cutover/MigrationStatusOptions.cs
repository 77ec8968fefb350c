using System;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>How a <see cref="MigrationStatusRunner"/> reads users' status.</summary>
    public sealed class MigrationStatusOptions
    {
        private int _throttleLimit = 10;
        private int? _maxPending;

        public MigrationStatusOptions(DigestOptions digest) => Digest = digest ?? throw new ArgumentNullException(nameof(digest));

        /// <summary>The mapping whose output Clerk is compared with (the same options as the migration's).</summary>
        public DigestOptions Digest { get; }

        /// <summary>Lookups in flight at once.</summary>
        public int ThrottleLimit
        {
            get => _throttleLimit;
            set => _throttleLimit = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "ThrottleLimit must be at least 1.");
        }

        /// <summary>Users posted and not yet taken back: four lookup batches and two per request slot by default.</summary>
        public int MaxPending
        {
            get => _maxPending ?? (4 * MigrationRunnerOptions.MaxLookupBatchSize) + (2 * _throttleLimit);
            set => _maxPending = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxPending must be at least 1.");
        }

        /// <summary>How long a partly filled lookup batch waits for more users before it goes out anyway.</summary>
        public TimeSpan LookupLinger { get; set; } = TimeSpan.FromMilliseconds(200);

        /// <summary>
        /// When the whole pool is read: every posted user's sub goes in here, and every one found in Clerk recorded
        /// as from <see cref="UserPoolId"/> is marked, for the DeletedInCognito comparison afterwards.
        /// </summary>
        public PoolSubSet? PoolSubs { get; set; }

        /// <summary>The pool being read (with <see cref="PoolSubs"/>).</summary>
        public string? UserPoolId { get; set; }

        /// <summary>How long Dispose waits for cancelled lookups to unwind.</summary>
        public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMilliseconds(500);
    }
}
