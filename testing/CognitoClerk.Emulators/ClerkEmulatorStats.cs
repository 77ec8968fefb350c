namespace CognitoClerk.Emulators;

/// <summary>What a <see cref="ClerkEmulator"/> has seen and done, for assertions and the benchmark.</summary>
public sealed record ClerkEmulatorStats(
    long Requests,
    long TooManyRequests,
    long RateLimited,
    long Unauthorized,
    long Creates,
    int UsersStored,
    long VerifyPasswordCalls,
    long CognitoCalls,
    long PasswordsMigrated,
    int MaxRequestsInAnyWindow,
    IReadOnlyDictionary<ClerkFaultKind, long> InjectedFaults,
    long SignIns,
    long Deletes)
{
    /// <summary>
    /// Writes to existing users that took effect: updates, metadata, email addresses and phone numbers added or
    /// removed, bans, locks, deletes. Creates are counted in <see cref="Creates"/>; refused writes in neither.
    /// </summary>
    public long UserWrites { get; init; }

    /// <summary>The most updates one user received in any 10 s, refused ones included (Clerk allows 10).</summary>
    public int MaxUpdatesOfOneUserInAnyWindow { get; init; }

    /// <summary>Every fault applied (a drawn fault that did not apply, e.g. after-store on a refused create, is not counted).</summary>
    public long FaultsInjected => InjectedFaults.Values.Sum();

    public long Injected(ClerkFaultKind kind) => InjectedFaults.TryGetValue(kind, out long count) ? count : 0;
}
