namespace CognitoClerk.Emulators;

/// <summary>
/// Clerk's second limit: "PATCH /v1/users/{user_id} and PATCH/PUT /v1/users/{user_id}/metadata: 10 requests
/// per 10 seconds per user", on top of the instance's limit. The instance's sliding window (<see cref="ClerkRateWindow"/>),
/// one per user; the busiest window any user saw is kept, so tests can check that a client stays under it.
/// </summary>
internal sealed class ClerkUserUpdateWindow
{
    private readonly object _lock = new();
    private readonly int _limit;
    private readonly Dictionary<string, ClerkRateWindow> _byUser = new(StringComparer.Ordinal);

    public ClerkUserUpdateWindow(int updatesPer10Seconds) => _limit = updatesPer10Seconds;

    /// <summary>The most updates (admitted or refused) one user received in any 10 s.</summary>
    public int MaxUpdatesOfOneUserInAnyWindow
    {
        get
        {
            lock (_lock)
            {
                return _byUser.Values.Select(w => w.MaxRequestsInAnyWindow).DefaultIfEmpty(0).Max();
            }
        }
    }

    /// <summary>False (and the Retry-After in seconds) when this user already had the limit's worth of updates in the last 10 s.</summary>
    public bool TryAdmit(string userId, long now, out int retryAfterSeconds)
    {
        ClerkRateWindow window;
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out window!))
            {
                window = new ClerkRateWindow(_limit);
                _byUser.Add(userId, window);
            }
        }

        return window.TryAdmit(now, out retryAfterSeconds);
    }

    public void ResetMaximum()
    {
        lock (_lock)
        {
            foreach (ClerkRateWindow window in _byUser.Values)
            {
                window.ResetMaximum();
            }
        }
    }
}
