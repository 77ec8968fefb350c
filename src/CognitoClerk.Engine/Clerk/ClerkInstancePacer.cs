using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// Everything one Clerk instance's requests share inside this process: the limiter (and so the
    /// budget and the 429 pause), where its pace came from, and the counters. Clerk limits per
    /// instance, identified by the secret key, so there is exactly one per API URL and key fingerprint,
    /// however many client objects, cmdlets or pipelines a session runs against that instance.
    /// </summary>
    internal sealed class ClerkInstancePacer
    {
        /// <summary>Used until the instance type is known: the lower (development) limit can never trip production.</summary>
        internal const int DevelopmentRequestsPer10Seconds = 100;

        private static readonly ConcurrentDictionary<string, ClerkInstancePacer> Registry =
            new ConcurrentDictionary<string, ClerkInstancePacer>(StringComparer.Ordinal);

        private readonly object _lock = new object();
        private readonly ClerkRateLimiter _limiter;
        private ClerkRateSource _rateSource;
        private long _requestsSent;
        private long _tooManyRequests;
        private long _rateLimitRetries;
        private long _transientRetries;

        private ClerkInstancePacer()
        {
            _limiter = new ClerkRateLimiter(DevelopmentRequestsPer10Seconds);
            _rateSource = ClerkRateSource.Unresolved;
        }

        /// <summary>One GET /v1/instance at a time when several workers start together.</summary>
        public SemaphoreSlim RateResolution { get; } = new SemaphoreSlim(1, 1);

        public RateLimiter Limiter => _limiter;

        public bool IsRateKnown
        {
            get
            {
                lock (_lock)
                {
                    return _rateSource != ClerkRateSource.Unresolved;
                }
            }
        }

        /// <summary>The process-wide pacer of the instance behind <paramref name="apiBaseUri"/> and <paramref name="secretKey"/>.</summary>
        public static ClerkInstancePacer For(Uri apiBaseUri, ClerkSecretKey secretKey) =>
            Registry.GetOrAdd(apiBaseUri.AbsoluteUri + " " + secretKey.Fingerprint, _ => new ClerkInstancePacer());

        /// <summary>An explicit pace wins over the instance's documented one, and the last explicit one wins.</summary>
        public void ApplyOverride(int requestsPer10Seconds) => Apply(requestsPer10Seconds, ClerkRateSource.Override);

        /// <summary>The pace from GET /v1/instance, unless one was set explicitly.</summary>
        public void ApplyDiscovered(int requestsPer10Seconds, ClerkRateSource source)
        {
            lock (_lock)
            {
                if (_rateSource == ClerkRateSource.Override)
                {
                    return;
                }
            }

            Apply(requestsPer10Seconds, source);
        }

        public async ValueTask AcquireAsync(CancellationToken cancellationToken)
        {
            using RateLimitLease lease = await _limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                // The limiter queues without bound; a refusal means it was disposed under us.
                throw new InvalidOperationException("The Clerk request limiter refused a permit.");
            }

            Interlocked.Increment(ref _requestsSent);
        }

        /// <summary>A 429: every request to this instance waits <paramref name="retryAfter"/> from now.</summary>
        public void OnTooManyRequests(TimeSpan retryAfter)
        {
            // Pause first: whoever sees the count has to see the pause too.
            _limiter.Pause(retryAfter);
            Interlocked.Increment(ref _tooManyRequests);
        }

        public void OnRateLimitRetry() => Interlocked.Increment(ref _rateLimitRetries);

        public void OnTransientRetry() => Interlocked.Increment(ref _transientRetries);

        public ClerkPacingStatistics GetStatistics()
        {
            ClerkRateSource source;
            lock (_lock)
            {
                source = _rateSource;
            }

            return new ClerkPacingStatistics(
                _limiter.RequestsPer10Seconds,
                source,
                Interlocked.Read(ref _requestsSent),
                Interlocked.Read(ref _tooManyRequests),
                Interlocked.Read(ref _rateLimitRetries),
                Interlocked.Read(ref _transientRetries),
                _limiter.PauseRemaining);
        }

        private void Apply(int requestsPer10Seconds, ClerkRateSource source)
        {
            lock (_lock)
            {
                _limiter.SetRequestsPer10Seconds(requestsPer10Seconds);
                _rateSource = source;
            }
        }
    }
}
