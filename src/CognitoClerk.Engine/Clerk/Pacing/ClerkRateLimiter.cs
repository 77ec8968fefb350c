using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// The request limiter of one Clerk instance: a <see cref="RateLimiter"/> over
    /// <see cref="ClerkSendSchedule"/> (see there why neither the built-in token bucket nor the built-in
    /// sliding window is used), with the shared 429 pause. A caller is handed a slot, waits for it, and
    /// gets its lease only if no pause withdrew the slot meanwhile; so a lease means "send now", and the
    /// request is counted from the moment it really goes (see <see cref="SendPermit.MarkOnWire"/>).
    /// One permit per request; nothing to give back (a sent request stays sent).
    /// </summary>
    internal sealed class ClerkRateLimiter : RateLimiter
    {
        private static readonly double TicksPerStopwatchTick = (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency;

        private readonly object _lock = new object();
        private readonly ClerkSendSchedule _schedule;
        private long _successfulLeases;
        private long _failedLeases;
        private int _waiting;
        private long _lastLeaseTimestamp = Stopwatch.GetTimestamp();
        private bool _disposed;

        public ClerkRateLimiter(int requestsPer10Seconds)
        {
            _schedule = new ClerkSendSchedule(requestsPer10Seconds, ClerkSendSchedule.WindowTicks(Stopwatch.Frequency));
        }

        public int RequestsPer10Seconds
        {
            get
            {
                lock (_lock)
                {
                    return _schedule.Limit;
                }
            }
        }

        public override TimeSpan? IdleDuration
        {
            get
            {
                lock (_lock)
                {
                    return _waiting > 0 ? (TimeSpan?)null : Elapsed(_lastLeaseTimestamp, Stopwatch.GetTimestamp());
                }
            }
        }

        /// <summary>How long the current 429 pause still lasts (zero when not paused).</summary>
        public TimeSpan PauseRemaining
        {
            get
            {
                lock (_lock)
                {
                    long now = Stopwatch.GetTimestamp();
                    return _schedule.PausedUntil > now ? Elapsed(now, _schedule.PausedUntil) : TimeSpan.Zero;
                }
            }
        }

        public void SetRequestsPer10Seconds(int requestsPer10Seconds)
        {
            lock (_lock)
            {
                _schedule.SetLimit(requestsPer10Seconds);
            }
        }

        /// <summary>The longest pause accepted, whatever a caller asks: a larger one could overflow the timestamps.</summary>
        private static readonly TimeSpan MaxPause = TimeSpan.FromHours(1);

        /// <summary>Stops every caller of this limiter from sending for <paramref name="duration"/> (at most an hour) from now.</summary>
        /// <returns>True when the pause now ends later than it did (false when an earlier pause already covers it).</returns>
        public bool Pause(TimeSpan duration)
        {
            long ticks = Math.Min(Math.Max(0, duration.Ticks), MaxPause.Ticks);
            long now = Stopwatch.GetTimestamp();
            long until = now + (long)(ticks / TicksPerStopwatchTick);
            lock (_lock)
            {
                return _schedule.PauseUntil(now, until);
            }
        }

        public override RateLimiterStatistics? GetStatistics()
        {
            lock (_lock)
            {
                long now = Stopwatch.GetTimestamp();
                return new RateLimiterStatistics
                {
                    CurrentAvailablePermits = _schedule.Peek(now) <= now ? 1 : 0,
                    CurrentQueuedCount = _waiting,
                    TotalSuccessfulLeases = _successfulLeases,
                    TotalFailedLeases = _failedLeases,
                };
            }
        }

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            CheckPermitCount(permitCount);
            lock (_lock)
            {
                ThrowIfDisposed();
                long now = Stopwatch.GetTimestamp();
                long slot = _schedule.Peek(now);
                if (slot > now)
                {
                    _failedLeases++;
                    return new Lease(false, Elapsed(now, slot));
                }

                if (permitCount == 0)
                {
                    return Lease.Available;
                }

                long sequence = _schedule.Reserve(now, out _);
                _successfulLeases++;
                _lastLeaseTimestamp = now;
                return new SendPermit(this, sequence);
            }
        }

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            CheckPermitCount(permitCount);
            return permitCount == 0
                ? AttemptAcquireCore(0)
                : await AcquireSendPermitAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Waits for this request's slot; the permit means "send now" and can restamp when the request really went out.</summary>
        public async ValueTask<SendPermit> AcquireSendPermitAsync(CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                ThrowIfDisposed();
                _waiting++;
            }

            try
            {
                while (true)
                {
                    long slot;
                    long sequence;
                    long epoch;
                    lock (_lock)
                    {
                        ThrowIfDisposed();
                        sequence = _schedule.Reserve(Stopwatch.GetTimestamp(), out slot);
                        epoch = _schedule.Epoch;
                    }

                    bool withdrawn = false;
                    while (!withdrawn)
                    {
                        await WaitUntilAsync(slot, cancellationToken).ConfigureAwait(false);

                        lock (_lock)
                        {
                            ThrowIfDisposed();
                            if (_schedule.Epoch != epoch)
                            {
                                withdrawn = true;
                                continue;
                            }

                            // The requests before this one may have gone later than their slots (their waiters woke
                            // late on a busy machine): the one a limit back must still be a full window behind.
                            long now = Stopwatch.GetTimestamp();
                            long due = _schedule.DueTime(sequence);
                            if (due > now)
                            {
                                slot = due;
                                continue;
                            }

                            // This waiter may have woken late too: count the request from now, not from its slot.
                            _schedule.Restamp(sequence, now);
                            _successfulLeases++;
                            _lastLeaseTimestamp = now;
                            return new SendPermit(this, sequence);
                        }
                    }

                    // A 429 paused the instance while we waited: our slot was withdrawn; ask again.
                }
            }
            finally
            {
                lock (_lock)
                {
                    _waiting--;
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            lock (_lock)
            {
                _disposed = true;
            }
        }

        /// <summary>
        /// Waits until the clock reaches <paramref name="timestamp"/>. Timers may wake a little early
        /// (millisecond rounding), so the clock is read again: a slot is never used before its time.
        /// </summary>
        private static async Task WaitUntilAsync(long timestamp, CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                long now = Stopwatch.GetTimestamp();
                if (now >= timestamp)
                {
                    return;
                }

                double milliseconds = Math.Ceiling(Elapsed(now, timestamp).TotalMilliseconds);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, milliseconds)), cancellationToken).ConfigureAwait(false);
            }
        }

        private static TimeSpan Elapsed(long from, long to) => TimeSpan.FromTicks((long)((to - from) * TicksPerStopwatchTick));

        private static void CheckPermitCount(int permitCount)
        {
            if (permitCount < 0 || permitCount > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(permitCount), "Each Clerk request takes exactly one permit.");
            }
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(ClerkRateLimiter));
            }
        }

        private void Restamp(long sequence)
        {
            lock (_lock)
            {
                _schedule.Restamp(sequence, Stopwatch.GetTimestamp());
            }
        }

        /// <summary>Permission to send one request now. Nothing to give back: a sent request stays counted for its window.</summary>
        internal sealed class SendPermit : RateLimitLease
        {
            private readonly ClerkRateLimiter _limiter;
            private readonly long _sequence;

            public SendPermit(ClerkRateLimiter limiter, long sequence)
            {
                _limiter = limiter;
                _sequence = sequence;
            }

            public override bool IsAcquired => true;

            public override IEnumerable<string> MetadataNames => Array.Empty<string>();

            /// <summary>True for the first request to a cold instance, which goes alone (see ClerkInstancePacer).</summary>
            public bool IsWarmUp { get; set; }

            /// <summary>The request is being written to the connection now (after any connection set-up): count it from now.</summary>
            public void MarkOnWire() => _limiter.Restamp(_sequence);

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                metadata = null;
                return false;
            }

            protected override void Dispose(bool disposing)
            {
            }
        }

        private sealed class Lease : RateLimitLease
        {
            public static readonly Lease Available = new Lease(true, null);

            private readonly TimeSpan? _retryAfter;

            public Lease(bool isAcquired, TimeSpan? retryAfter)
            {
                IsAcquired = isAcquired;
                _retryAfter = retryAfter;
            }

            public override bool IsAcquired { get; }

            public override IEnumerable<string> MetadataNames =>
                _retryAfter.HasValue ? new[] { MetadataName.RetryAfter.Name } : Array.Empty<string>();

            public override bool TryGetMetadata(string metadataName, out object? metadata)
            {
                if (_retryAfter.HasValue && metadataName == MetadataName.RetryAfter.Name)
                {
                    metadata = _retryAfter.Value;
                    return true;
                }

                metadata = null;
                return false;
            }

            protected override void Dispose(bool disposing)
            {
            }
        }
    }
}
