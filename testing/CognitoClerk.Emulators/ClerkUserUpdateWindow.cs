using System.Diagnostics;

namespace CognitoClerk.Emulators;

/// <summary>
/// Clerk's second limit: "PATCH /v1/users/{user_id} and PATCH/PUT /v1/users/{user_id}/metadata: 10 requests
/// per 10 seconds per user", on top of the instance's limit. A sliding window per user over those updates;
/// the busiest window any user saw is kept, so tests can check that a client stays under it.
/// </summary>
internal sealed class ClerkUserUpdateWindow
{
    private static readonly long Window = Stopwatch.Frequency * 10;

    private readonly object _lock = new();
    private readonly int _limit;
    private readonly Dictionary<string, Queue<long>> _updates = new(StringComparer.Ordinal);
    private int _maxInWindow;

    public ClerkUserUpdateWindow(int updatesPer10Seconds) => _limit = updatesPer10Seconds;

    public int MaxUpdatesOfOneUserInAnyWindow
    {
        get
        {
            lock (_lock)
            {
                return _maxInWindow;
            }
        }
    }

    /// <summary>False (and the Retry-After in seconds) when this user already had the limit's worth of updates in the last 10 s.</summary>
    public bool TryAdmit(string userId, long now, out int retryAfterSeconds)
    {
        lock (_lock)
        {
            if (!_updates.TryGetValue(userId, out Queue<long>? times))
            {
                times = new Queue<long>();
                _updates.Add(userId, times);
            }

            while (times.Count > 0 && times.Peek() <= now - Window)
            {
                times.Dequeue();
            }

            retryAfterSeconds = 0;
            if (_limit > 0 && times.Count >= _limit)
            {
                retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((double)(times.Peek() + Window - now) / Stopwatch.Frequency));
                return false;
            }

            times.Enqueue(now);
            _maxInWindow = Math.Max(_maxInWindow, times.Count);
            return true;
        }
    }

    public void ResetMaximum()
    {
        lock (_lock)
        {
            _maxInWindow = 0;
        }
    }
}
