namespace CognitoClerk.Emulators;

/// <summary>What the Clerk emulator can do to a request instead of (or after) serving it.</summary>
[Flags]
public enum ClerkFaultKind
{
    None = 0,

    /// <summary>429 too_many_requests with Retry-After (<see cref="ClerkEmulatorOptions.InjectedRetryAfterSeconds"/>).</summary>
    TooManyRequests = 1,

    /// <summary>500 with Clerk's JSON error body.</summary>
    InternalServerError = 2,

    /// <summary>502 with an HTML body and only a CF-Ray header, as Cloudflare answers when Clerk is unreachable.</summary>
    BadGateway = 4,

    /// <summary>503 with an HTML body and only a CF-Ray header.</summary>
    ServiceUnavailable = 8,

    /// <summary>The connection is aborted without any response.</summary>
    DroppedConnection = 16,

    /// <summary>No answer for longer than the client's timeout (<see cref="ClerkEmulatorOptions.ClientTimeoutHint"/>), then the connection is aborted.</summary>
    Timeout = 32,

    /// <summary>POST /v1/users only: the user IS stored, then the answer is a 500.</summary>
    StoredThenInternalServerError = 64,

    /// <summary>POST /v1/users only: the user IS stored, then the connection is aborted.</summary>
    StoredThenDroppedConnection = 128,

    /// <summary>Faults that happen after a create was applied; the others happen before anything is applied.</summary>
    AfterStore = StoredThenInternalServerError | StoredThenDroppedConnection,

    All = TooManyRequests | InternalServerError | BadGateway | ServiceUnavailable | DroppedConnection | Timeout | AfterStore,
}
