namespace CognitoClerk.Emulators;

/// <summary>A snapshot of one user the emulator holds, for assertions.</summary>
public sealed record ClerkEmulatorUser(
    string Id,
    string? ExternalId,
    string? Username,
    string? FirstName,
    string? LastName,
    IReadOnlyList<ClerkEmulatorIdentification> EmailAddresses,
    IReadOnlyList<ClerkEmulatorIdentification> PhoneNumbers,
    string? PasswordHasher,
    string? PasswordDigest,
    DateTimeOffset CreatedAt,
    string? PublicMetadataJson,
    string? PrivateMetadataJson,
    string CreateRequestJson)
{
    public string? UnsafeMetadataJson { get; init; }

    public string? PrimaryEmailAddress { get; init; }

    public string? PrimaryPhoneNumber { get; init; }

    /// <summary>Set by a simulated sign-in (POST /v1/users/{id}/sign_in) only.</summary>
    public DateTimeOffset? LastSignInAt { get; init; }

    public bool Banned { get; init; }

    public bool Locked { get; init; }
}

/// <summary>An email address or phone number and its status: "verified", "reserved" or "unverified".</summary>
public sealed record ClerkEmulatorIdentification(string Value, string Status);
