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
    string CreateRequestJson,
    string? UnsafeMetadataJson,
    bool Banned,
    DateTimeOffset? LastSignInAt)
{
    public string? PrimaryEmailAddress { get; init; }

    public string? PrimaryPhoneNumber { get; init; }

    public bool Locked { get; init; }
}

/// <summary>An email address or phone number and its status: "verified", "reserved" or "unverified".</summary>
public sealed record ClerkEmulatorIdentification(string Value, string Status);
