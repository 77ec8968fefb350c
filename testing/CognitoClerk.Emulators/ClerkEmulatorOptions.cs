namespace CognitoClerk.Emulators;

/// <summary>How a <see cref="ClerkEmulator"/> behaves.</summary>
public sealed class ClerkEmulatorOptions
{
    public const string DefaultSecretKey = "sk_test_cognitoclerk_emulator_0123456789abcdef";

    /// <summary>The only key accepted as "Authorization: Bearer …"; anything else is 401 authentication_invalid.</summary>
    public string SecretKey { get; set; } = DefaultSecretKey;

    /// <summary>GET /v1/instance id: two emulators with different ids stand for two Clerk instances.</summary>
    public string InstanceId { get; set; } = "ins_cognitoclerkemulator";

    /// <summary>GET /v1/instance environment_type: "development" or "production".</summary>
    public string EnvironmentType { get; set; } = "development";

    /// <summary>Sliding-window limit over every endpoint, like Clerk's per-instance limit; 0 = unlimited.</summary>
    public int RequestsPer10Seconds { get; set; }

    /// <summary>
    /// Clerk's per-user limit on PATCH /v1/users/{id} and PATCH/PUT /v1/users/{id}/metadata: 10 per 10 s
    /// for each user, answered 429 with Retry-After beyond it; 0 = unlimited.
    /// </summary>
    public int UserUpdatesPer10Seconds { get; set; } = 10;

    /// <summary>Added to every answer (the benchmark uses 250 ms, a realistic Clerk round trip).</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Where verify_password sends Cognito InitiateAuth for awscognito users (cognito-local, say).</summary>
    public Uri? CognitoEndpoint { get; set; }

    /// <summary>
    /// Off by default, as on a new Clerk instance: then a CreateUser body with "username" is refused
    /// with 422 form_param_unknown, exactly as real instances without usernames refuse it.
    /// </summary>
    public bool UsernamesEnabled { get; set; }

    /// <summary>The fraction of requests (0..1) that get a random fault from <see cref="FaultKinds"/>.</summary>
    public double FaultRate { get; set; }

    /// <summary>Seed of the fault draw: the same seed and the same arrival order give the same faults.</summary>
    public int FaultSeed { get; set; } = 1;

    public ClerkFaultKind FaultKinds { get; set; } = ClerkFaultKind.All;

    /// <summary>The client's timeout: a Timeout fault hangs for twice this (or until the client gives up or the emulator stops).</summary>
    public TimeSpan ClientTimeoutHint { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retry-After of an injected 429, in seconds.</summary>
    public int InjectedRetryAfterSeconds { get; set; } = 1;

    /// <summary>The OpenAPI spec to take request schemas from; default <see cref="RepositoryPaths.ClerkOpenApiSpec"/>.</summary>
    public string? OpenApiSpecPath { get; set; }

    /// <summary>Keep one <see cref="ClerkEmulatorRequest"/> per request (for timeline assertions). Off for very long runs.</summary>
    public bool KeepRequestLog { get; set; } = true;

    /// <summary>PBKDF2 iterations of the local "bcrypt" hash a verified awscognito user is re-hashed to (kept low: tests sign in hundreds of users).</summary>
    public int PasswordHashIterations { get; set; } = 10_000;
}
