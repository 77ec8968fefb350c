using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// Clerk's second limit, on top of the instance's: PATCH /v1/users/{id} and PATCH/PUT /v1/users/{id}/metadata
    /// are limited to 10 requests per 10 s per user. A sync changes a user with a few such calls in a row (the
    /// import record, the names, the record again), and two rows for one user could add up, so every such call
    /// reserves a place in its user's window first and waits while the window is full.
    /// <para>
    /// A place is held from the reservation and dated when the request really goes (after the instance's
    /// limiter let it through), so a request that waited long for the instance does not look older than it is.
    /// A margin of 1 s covers the time a request takes to reach Clerk, which counts its arrival, not our send.
    /// </para>
    /// </summary>
    internal sealed class ClerkUserUpdatePacer
    {
        /// <summary>Clerk's documented per-user limit.</summary>
        public const int UpdatesPer10Seconds = 10;

        /// <summary>Clerk's 10 s, and 1 s for the time a request takes to arrive.</summary>
        public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(11);

        private readonly object _lock = new object();
        private readonly Dictionary<string, List<Reservation>> _byUser = new Dictionary<string, List<Reservation>>(StringComparer.Ordinal);
        private readonly int _limit;
        private readonly long _windowTicks;

        public ClerkUserUpdatePacer()
            : this(UpdatesPer10Seconds, DefaultWindow)
        {
        }

        /// <summary>Another limit or window: for tests, which cannot wait 11 s per check.</summary>
        public ClerkUserUpdatePacer(int limit, TimeSpan window)
        {
            _limit = limit;
            _windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        }

        /// <summary>Users with a place still counted (for tests: the map does not grow with every user ever updated).</summary>
        public int TrackedUsers
        {
            get
            {
                lock (_lock)
                {
                    return _byUser.Count;
                }
            }
        }

        /// <summary>Waits until <paramref name="userId"/> has room in its window, and holds a place there.</summary>
        public async Task<Reservation> ReserveAsync(string userId, CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    long now = Stopwatch.GetTimestamp();
                    List<Reservation> window = Prune(userId, now);
                    if (window.Count < _limit)
                    {
                        var reservation = new Reservation(this, userId);
                        window.Add(reservation);
                        return reservation;
                    }

                    // Full: the oldest sent one leaves first; places still unsent are not older than it.
                    long oldest = long.MaxValue;
                    foreach (Reservation r in window)
                    {
                        oldest = Math.Min(oldest, r.SentAt);
                    }

                    wait = oldest == long.MaxValue
                        ? TimeSpan.FromMilliseconds(50)
                        : TimeSpan.FromTicks((long)((oldest + _windowTicks - now) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)) + 1);
                }

                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        private List<Reservation> Prune(string userId, long now)
        {
            if (_byUser.Count > 1024)
            {
                // Now and then, forget users whose every update has left the window.
                var idle = new List<string>();
                foreach (KeyValuePair<string, List<Reservation>> pair in _byUser)
                {
                    pair.Value.RemoveAll(r => r.SentAt <= now - _windowTicks);
                    if (pair.Value.Count == 0)
                    {
                        idle.Add(pair.Key);
                    }
                }

                idle.ForEach(u => _byUser.Remove(u));
            }

            if (!_byUser.TryGetValue(userId, out List<Reservation>? window))
            {
                window = new List<Reservation>();
                _byUser.Add(userId, window);
            }

            window.RemoveAll(r => r.SentAt <= now - _windowTicks);
            return window;
        }

        private void Release(Reservation reservation)
        {
            lock (_lock)
            {
                if (_byUser.TryGetValue(reservation.UserId, out List<Reservation>? window))
                {
                    window.Remove(reservation);
                    if (window.Count == 0)
                    {
                        _byUser.Remove(reservation.UserId);
                    }
                }
            }
        }

        private void MarkSent(Reservation reservation)
        {
            lock (_lock)
            {
                reservation.SentAt = Stopwatch.GetTimestamp();
            }
        }

        /// <summary>A place in one user's window: <see cref="Sent"/> when the request goes, or <see cref="Cancel"/> when it never does.</summary>
        internal sealed class Reservation
        {
            private readonly ClerkUserUpdatePacer _owner;

            public Reservation(ClerkUserUpdatePacer owner, string userId)
            {
                _owner = owner;
                UserId = userId;
            }

            public string UserId { get; }

            /// <summary>Stopwatch ticks; long.MaxValue until sent, so an unsent place never expires.</summary>
            public long SentAt { get; set; } = long.MaxValue;

            public void Sent() => _owner.MarkSent(this);

            public void Cancel() => _owner.Release(this);
        }
    }
}
