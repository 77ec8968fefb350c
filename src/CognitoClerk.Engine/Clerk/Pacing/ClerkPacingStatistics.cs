using System;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// A snapshot of one Clerk instance's shared limiter. The counters are process-wide for that
    /// instance (every client object talking to it adds to them); subtract an earlier snapshot with
    /// <see cref="Since"/> to measure one run.
    /// </summary>
    public sealed class ClerkPacingStatistics
    {
        public ClerkPacingStatistics(
            int requestsPer10Seconds,
            ClerkRateSource rateSource,
            long requestsSent,
            long tooManyRequests,
            long rateLimitRetries,
            long transientRetries,
            TimeSpan pauseRemaining)
        {
            RequestsPer10Seconds = requestsPer10Seconds;
            RateSource = rateSource;
            RequestsSent = requestsSent;
            TooManyRequests = tooManyRequests;
            RateLimitRetries = rateLimitRetries;
            TransientRetries = transientRetries;
            PauseRemaining = pauseRemaining;
        }

        /// <summary>The pace the limiter holds now.</summary>
        public int RequestsPer10Seconds { get; }

        public ClerkRateSource RateSource { get; }

        /// <summary>HTTP requests put on the wire (first attempts and retries).</summary>
        public long RequestsSent { get; }

        /// <summary>429 answers received.</summary>
        public long TooManyRequests { get; }

        /// <summary>Requests sent again after a 429 and the shared pause.</summary>
        public long RateLimitRetries { get; }

        /// <summary>Requests sent again after a 5xx, a connection failure or a timeout.</summary>
        public long TransientRetries { get; }

        public long Retries => RateLimitRetries + TransientRetries;

        /// <summary>How long every worker still waits because of the last 429.</summary>
        public TimeSpan PauseRemaining { get; }

        /// <summary>The counts since <paramref name="earlier"/> (rate, source and pause as now).</summary>
        public ClerkPacingStatistics Since(ClerkPacingStatistics earlier)
        {
            if (earlier == null)
            {
                throw new ArgumentNullException(nameof(earlier));
            }

            return new ClerkPacingStatistics(
                RequestsPer10Seconds,
                RateSource,
                RequestsSent - earlier.RequestsSent,
                TooManyRequests - earlier.TooManyRequests,
                RateLimitRetries - earlier.RateLimitRetries,
                TransientRetries - earlier.TransientRetries,
                PauseRemaining);
        }

        public override string ToString() =>
            $"{RequestsPer10Seconds}/10s ({RateSource}): {RequestsSent} sent, {TooManyRequests} x 429, {RateLimitRetries} retried after 429, {TransientRetries} retried after failures";
    }
}
