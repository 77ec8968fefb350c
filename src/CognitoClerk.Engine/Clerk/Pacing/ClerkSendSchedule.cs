using System;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// When the next request to one Clerk instance may be sent: pure arithmetic on a monotonic clock
    /// (any tick unit), not thread-safe, so that the guarantees below can be proven on simulated time.
    /// <see cref="ClerkRateLimiter"/> wraps it with a lock and real waiting.
    /// </summary>
    /// <remarks>
    /// Why this design: Clerk documents "N requests per 10 seconds" per instance and does not say how
    /// the window is measured, so a sender that can reach the limit safely must keep EVERY 10-second
    /// window, wherever it starts, at or under N.
    /// <list type="bullet">
    /// <item>A token bucket (capacity C, refill N/10 s) lets C + N through in the 10 s that follow a
    /// full bucket, i.e. over the limit; to be safe its refill must drop to (N - C)/10 s, and a bucket
    /// small enough for that costs either smoothness (C = 1: every timer hiccup loses a slot for good)
    /// or throughput (C = 5 on a development instance is already 5 % below the limit).</item>
    /// <item>The built-in SlidingWindowRateLimiter counts permits per segment and releases a whole
    /// segment at once on a timer, so a window that does not start on a segment boundary can hold up to
    /// one extra segment's worth of requests; making that safe needs an extra segment, which costs
    /// 1/segments of the rate, and the release time depends on a timer firing on a loaded box.</item>
    /// </list>
    /// So two rules on exact timestamps instead:
    /// <list type="number">
    /// <item>A hard sliding log: the request N places back must have been sent at least one window
    /// earlier. Then no window of that length ever holds more than N, wherever it starts.</item>
    /// <item>Smooth spacing (GCRA): requests are spread one interval (window / N) apart instead of as a
    /// burst of N at the start of each window followed by a stall. A burst is legal for a sliding
    /// window, but an even stream is what every server-side algorithm (fixed windows, token buckets,
    /// weighted sliding counters) accepts, and it keeps the arrival order close to the send order.
    /// A small tolerance lets a few requests go back to back after an idle spell.</item>
    /// </list>
    /// Clerk counts arrivals, we count sends. A slot is only the earliest time a request may go; the
    /// caller then <see cref="Restamp"/>s it with when it really went (when its waiter woke, and for a
    /// request with a body when the body was written to the connection, i.e. after any connection or
    /// TLS set-up), so a late request can never make a later one look a full window away when it is not: a
    /// request reserved before then checks <see cref="DueTime"/> when its slot comes and waits on until the
    /// request a limit back is a full window behind (a burst of callers reserves all its slots at once, so
    /// without that check one waiter woken late would squeeze the window of the request a limit after it).
    /// Restamping only moves times later and keeps the log sorted (later entries are raised with it),
    /// which is always on the safe side. What remains between the stamp and Clerk's clock, the network's
    /// one-way trip and its jitter, is absorbed by a 1 % guard on the window (100 ms), so the achieved
    /// rate can still reach 0.99 of the limit.
    /// A 429 pauses the schedule: slots handed out for the future are withdrawn (their holders must
    /// ask again, see <see cref="Epoch"/>) and nothing is scheduled before the pause ends.
    /// </remarks>
    internal sealed class ClerkSendSchedule
    {
        /// <summary>How many intervals the smooth spacing may run ahead after an idle spell.</summary>
        private const int ToleranceIntervals = 2;

        /// <summary>
        /// Entries kept beyond the limit, so that a request still in flight (restamped late) stays in the
        /// log even after up to this many later reservations: more than any sane number of parallel workers.
        /// </summary>
        private const int InFlightSlack = 1024;

        private readonly long _window;
        private Entry[] _ring;
        private int _head;
        private int _count;
        private long _nextSequence;
        private long _interval;
        private long _tolerance;
        private long _theoreticalNext = long.MinValue;
        private long _pausedUntil = long.MinValue;

        /// <param name="limit">Requests allowed per window.</param>
        /// <param name="window">The window including its guard, in clock ticks.</param>
        public ClerkSendSchedule(int limit, long window)
        {
            if (window <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(window));
            }

            _window = window;
            _ring = new Entry[1];
            SetLimit(limit);
        }

        public int Limit { get; private set; }

        /// <summary>Changes whenever a pause withdraws future slots: a slot reserved in an older epoch must not be used.</summary>
        public long Epoch { get; private set; }

        public long PausedUntil => _pausedUntil;

        /// <summary>Clerk's window plus the guard for a 10-second window, in ticks of a clock with the given frequency.</summary>
        public static long WindowTicks(long ticksPerSecond) => ticksPerSecond * 10 + (ticksPerSecond / 10);

        public void SetLimit(int limit)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), "At least one request per window.");
            }

            // Keep the newest entries that fit: they still constrain the next sends.
            var ring = new Entry[limit + InFlightSlack];
            int keep = Math.Min(_count, ring.Length);
            for (int i = 0; i < keep; i++)
            {
                ring[i] = At(_count - keep + i);
            }

            _ring = ring;
            _head = 0;
            _count = keep;
            Limit = limit;
            _interval = (_window + limit - 1) / limit;
            _tolerance = _interval * ToleranceIntervals;
        }

        /// <summary>The earliest time a request may go if asked at <paramref name="now"/>, without reserving it.</summary>
        public long Peek(long now)
        {
            long slot = Math.Max(now, _pausedUntil);
            if (_theoreticalNext != long.MinValue)
            {
                slot = Math.Max(slot, _theoreticalNext - _tolerance);
            }

            if (_count > 0)
            {
                // Sends are kept in order: never before the previous one.
                slot = Math.Max(slot, At(_count - 1).Stamp);
                if (_count >= Limit)
                {
                    // The log is sorted: the request Limit places back must be a full window behind.
                    slot = Math.Max(slot, At(_count - Limit).Stamp + _window);
                }
            }

            return slot;
        }

        /// <summary>Reserves the earliest slot; the caller sends at (not before) that time. Returns the reservation's sequence number.</summary>
        public long Reserve(long now, out long slot)
        {
            slot = Peek(now);
            _theoreticalNext = Math.Max(_theoreticalNext, slot) + _interval;
            long sequence = _nextSequence++;
            Push(new Entry(sequence, slot));
            return sequence;
        }

        /// <summary>
        /// The earliest time reservation <paramref name="sequence"/> may go, by the log as it is now: its slot was
        /// worked out from the stamps of the requests before it when it was reserved, but those requests may have
        /// gone later than their slots since (a waiter that woke late on a busy machine, a slow connection), and
        /// restamping moved them. The request <see cref="Limit"/> places back must still be a full window behind,
        /// so a caller checks this when its slot comes and waits on if it is later. A withdrawn or long-forgotten
        /// reservation has no entry: it answers <see cref="long.MinValue"/>, i.e. no further wait.
        /// </summary>
        public long DueTime(long sequence)
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                Entry entry = At(i);
                if (entry.Sequence < sequence)
                {
                    return long.MinValue;
                }

                if (entry.Sequence == sequence)
                {
                    long due = entry.Stamp;
                    if (i >= Limit)
                    {
                        due = Math.Max(due, At(i - Limit).Stamp + _window);
                    }

                    return due;
                }
            }

            return long.MinValue;
        }

        /// <summary>
        /// The request of reservation <paramref name="sequence"/> really went at <paramref name="time"/>
        /// (never earlier than its slot): its entry moves there, and any later entry that would now be
        /// earlier moves with it. A withdrawn or long-forgotten reservation is ignored.
        /// </summary>
        public void Restamp(long sequence, long time)
        {
            for (int i = _count - 1; i >= 0; i--)
            {
                Entry entry = At(i);
                if (entry.Sequence < sequence)
                {
                    return;
                }

                if (entry.Sequence == sequence)
                {
                    if (time <= entry.Stamp)
                    {
                        return;
                    }

                    SetAt(i, new Entry(sequence, time));
                    for (int k = i + 1; k < _count && At(k).Stamp < time; k++)
                    {
                        SetAt(k, new Entry(At(k).Sequence, time));
                    }

                    return;
                }
            }
        }

        /// <summary>
        /// After a 429: nothing goes before <paramref name="until"/>. Slots reserved after
        /// <paramref name="now"/> are withdrawn (their requests have not been sent), so the log holds only
        /// requests that really went out, and the epoch changes so that their holders ask again.
        /// </summary>
        public bool PauseUntil(long now, long until)
        {
            if (until <= _pausedUntil)
            {
                return false;
            }

            _pausedUntil = until;
            while (_count > 0 && At(_count - 1).Stamp > now)
            {
                _count--;
            }

            _theoreticalNext = until;
            Epoch++;
            return true;
        }

        private Entry At(int index) => _ring[(_head + index) % _ring.Length];

        private void SetAt(int index, Entry entry) => _ring[(_head + index) % _ring.Length] = entry;

        private void Push(Entry entry)
        {
            if (_count == _ring.Length)
            {
                _ring[_head] = entry;
                _head = (_head + 1) % _ring.Length;
            }
            else
            {
                _ring[(_head + _count) % _ring.Length] = entry;
                _count++;
            }
        }

        private struct Entry
        {
            public Entry(long sequence, long stamp)
            {
                Sequence = sequence;
                Stamp = stamp;
            }

            public long Sequence { get; }

            public long Stamp { get; }
        }
    }
}
