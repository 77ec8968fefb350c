using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>How hard the <see cref="MigrationRunner"/> works. The defaults are meant to be right; see <see cref="RecommendedThrottleLimit"/>.</summary>
    public sealed class MigrationRunnerOptions
    {
        /// <summary>GET /v1/users takes at most 100 values of external_id per call.</summary>
        public const int MaxLookupBatchSize = 100;

        private int _throttleLimit = RecommendedThrottleLimit(1000);
        private int _lookupBatchSize = MaxLookupBatchSize;
        private int? _maxPending;

        /// <summary>Clerk requests in flight at once (creates and lookups together).</summary>
        public int ThrottleLimit
        {
            get => _throttleLimit;
            set => _throttleLimit = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "ThrottleLimit must be at least 1.");
        }

        /// <summary>external_id values per lookup call (1-100).</summary>
        public int LookupBatchSize
        {
            get => _lookupBatchSize;
            set => _lookupBatchSize = value >= 1 && value <= MaxLookupBatchSize
                ? value
                : throw new ArgumentOutOfRangeException(nameof(value), value, "LookupBatchSize must be between 1 and 100.");
        }

        /// <summary>
        /// How often a partly filled lookup batch checks whether it should go out anyway: it does when fewer creates
        /// are queued or in flight than <see cref="ThrottleLimit"/> (a request slot would otherwise idle), or when
        /// the input is complete. While creates are busy it keeps filling, so lookups stay one per 100 users.
        /// </summary>
        public TimeSpan LookupLinger { get; set; } = TimeSpan.FromMilliseconds(100);

        /// <summary>
        /// Users accepted but not yet handed back (waiting for a lookup, in flight, or done and not yet taken):
        /// the back-pressure bound that keeps memory flat however many users stream in (a few KB each). The
        /// default, four lookup batches plus two per request slot, leaves room for a batch to fill while the
        /// users before it keep every slot busy.
        /// </summary>
        public int MaxPending
        {
            get => _maxPending ?? (4 * _lookupBatchSize) + (2 * _throttleLimit);
            set => _maxPending = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxPending must be at least 1.");
        }

        /// <summary>How long Dispose waits for cancelled requests to unwind before it returns anyway.</summary>
        public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>Where outcomes are recorded and finished users of earlier runs are found. Owned by the caller.</summary>
        public MigrationJournal? Journal { get; set; }

        /// <summary>
        /// Requests in flight needed to use the whole rate limit. Little's law: in flight = rate x latency.
        /// Clerk usually answers in 100-300 ms but slows under load, so the budget is 1 s per request (4x the
        /// typical 250 ms): production 1000/10 s gives 100, development 100/10 s gives 10. More in flight than
        /// needed costs nothing but a few waiting tasks (the shared limiter, not Clerk, makes them wait), while
        /// too few caps throughput at ThrottleLimit / latency. At least 4, at most 256.
        /// </summary>
        public static int RecommendedThrottleLimit(int requestsPer10Seconds)
        {
            int perSecondTimesOneSecond = (int)Math.Ceiling(requestsPer10Seconds / 10.0);
            return Math.Max(4, Math.Min(256, perSecondTimesOneSecond));
        }
    }
}
