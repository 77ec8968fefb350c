using System.Diagnostics;

namespace CognitoClerk.Emulators;

/// <summary>
/// Clerk's per-instance limit as the emulator applies it: a sliding 10-second window over request
/// arrivals at every endpoint. It also keeps the largest number of arrivals any 10-second window
/// has held, which is how tests check a client's pacing without timing anything themselves.
/// </summary>
internal sealed class ClerkRateWindow
{
    private static readonly long Window = Stopwatch.Frequency * 10;

    private readonly object _lock = new();
    private readonly int _limit;
    private readonly Queue<long> _admitted = new();
    private readonly Queue<long> _arrivals = new();
    private int _maxInWindow;

    public ClerkRateWindow(int requestsPer10Seconds)
    {
        if (requestsPer10Seconds < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(requestsPer10Seconds));
        }

        _limit = requestsPer10Seconds;
    }

    public int MaxRequestsInAnyWindow
    {
        get
        {
            lock (_lock)
            {
                return _maxInWindow;
            }
        }
    }

    /// <summary>
    /// Records an arrival at <paramref name="now"/> (Stopwatch ticks). False when the window already
    /// holds the limit; then <paramref name="retryAfterSeconds"/> is when the oldest counted request
    /// leaves it, rounded up to whole seconds, as Clerk's Retry-After.
    /// </summary>
    public bool TryAdmit(long now, out int retryAfterSeconds)
    {
        lock (_lock)
        {
            // A window is (now - 10 s, now]: a request exactly 10 s old no longer counts.
            while (_arrivals.Count > 0 && _arrivals.Peek() <= now - Window)
            {
                _arrivals.Dequeue();
            }

            _arrivals.Enqueue(now);
            _maxInWindow = Math.Max(_maxInWindow, _arrivals.Count);

            retryAfterSeconds = 0;
            if (_limit == 0)
            {
                return true;
            }

            while (_admitted.Count > 0 && _admitted.Peek() <= now - Window)
            {
                _admitted.Dequeue();
            }

            if (_admitted.Count >= _limit)
            {
                long waitTicks = _admitted.Peek() + Window - now;
                retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((double)waitTicks / Stopwatch.Frequency));
                return false;
            }

            _admitted.Enqueue(now);
            return true;
        }
    }

    public void ResetMaximum()
    {
        lock (_lock)
        {
            _maxInWindow = _arrivals.Count;
        }
    }
}
