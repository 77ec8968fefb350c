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
    /// <summary>Every fault applied (a drawn fault that did not apply, e.g. after-store on a refused create, is not counted).</summary>
    public long FaultsInjected => InjectedFaults.Values.Sum();

    public long Injected(ClerkFaultKind kind) => InjectedFaults.TryGetValue(kind, out long count) ? count : 0;
}
