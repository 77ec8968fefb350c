namespace CognitoClerk.Emulators;

/// <summary>
/// One request the emulator received. Times are on one monotonic clock since the emulator started:
/// <see cref="ArrivedAt"/> when its handling began, <see cref="RespondedAt"/> just before the answer
/// was written (or the connection aborted), so a client cannot have seen the answer earlier.
/// </summary>
public sealed record ClerkEmulatorRequest(
    long Sequence,
    string Method,
    string Path,
    string Query,
    TimeSpan ArrivedAt,
    TimeSpan? RespondedAt,
    int Status,
    ClerkFaultKind Fault,
    string? ApiVersion,
    string? UserAgent);
