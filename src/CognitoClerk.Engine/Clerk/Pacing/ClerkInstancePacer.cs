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

        private static readonly TimeSpan WarmUpWait = TimeSpan.FromSeconds(5);

        private static readonly ConcurrentDictionary<string, ClerkInstancePacer> Registry =
            new ConcurrentDictionary<string, ClerkInstancePacer>(StringComparer.Ordinal);

        private readonly object _lock = new object();
        private readonly ClerkRateLimiter _limiter;
        private ClerkRateSource _rateSource;
        private long _requestsSent;
        private long _tooManyRequests;
        private long _rateLimitRetries;
        private long _transientRetries;
        private int _warmUpStarted;
        private readonly TaskCompletionSource<bool> _warmUp = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private ClerkInstancePacer()
        {
            _limiter = new ClerkRateLimiter(DevelopmentRequestsPer10Seconds);
            _rateSource = ClerkRateSource.Unresolved;
        }

        /// <summary>Clerk's per-user limit on updates of one user, shared like the instance's limit.</summary>
        public ClerkUserUpdatePacer UserUpdates { get; } = new ClerkUserUpdatePacer();

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
        public void ApplyDiscovered(int requestsPer10Seconds, ClerkRateSource source) => Apply(requestsPer10Seconds, source);

        /// <summary>
        /// Waits for this instance's next send slot. The very first request to an instance goes alone:
        /// its JIT, connection and TLS set-up would otherwise delay a whole opening burst by the same
        /// amount, and requests that reach Clerk later than they were counted are how a window overflows.
        /// The caller must hand the permit back to <see cref="Complete"/> once the attempt is over.
        /// </summary>
        public async ValueTask<ClerkRateLimiter.SendPermit> AcquireAsync(CancellationToken cancellationToken)
        {
            bool warmUp = false;
            if (!_warmUp.Task.IsCompleted)
            {
                if (Interlocked.CompareExchange(ref _warmUpStarted, 1, 0) == 0)
                {
                    warmUp = true;
                }
                else
                {
                    await WaitForWarmUpAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            ClerkRateLimiter.SendPermit permit;
            try
            {
                permit = await _limiter.AcquireSendPermitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch when (warmUp)
            {
                _warmUp.TrySetResult(true);
                throw;
            }

            permit.IsWarmUp = warmUp;
            Interlocked.Increment(ref _requestsSent);
            return permit;
        }

        /// <summary>The attempt made with <paramref name="permit"/> is over (answered or failed).</summary>
        public void Complete(ClerkRateLimiter.SendPermit permit)
        {
            if (permit.IsWarmUp)
            {
                // When the first request reached Clerk is the least certain of all (JIT, first connection,
                // TLS): count it from its answer, an upper bound. It went alone, so this delays nobody.
                permit.MarkOnWire();
                _warmUp.TrySetResult(true);
            }
        }

        /// <summary>A 429: every request to this instance waits <paramref name="retryAfter"/> from now.</summary>
        /// <returns>True when this 429 made the pause longer (false when an earlier one already covers it): who should say so.</returns>
        public bool OnTooManyRequests(TimeSpan retryAfter)
        {
            // Pause first: whoever sees the count has to see the pause too.
            bool extended = _limiter.Pause(retryAfter);
            Interlocked.Increment(ref _tooManyRequests);
            return extended;
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

        private async Task WaitForWarmUpAsync(CancellationToken cancellationToken)
        {
            // Bounded: a first request that hangs must not hold everyone else for its whole timeout.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task delay = Task.Delay(WarmUpWait, wait.Token);
            await Task.WhenAny(_warmUp.Task, delay).ConfigureAwait(false);
            wait.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }

        private void Apply(int requestsPer10Seconds, ClerkRateSource source)
        {
            lock (_lock)
            {
                if (_rateSource == ClerkRateSource.Override && source != ClerkRateSource.Override)
                {
                    return;
                }

                _limiter.SetRequestsPer10Seconds(requestsPer10Seconds);
                _rateSource = source;
            }
        }
    }
}
