using System.Text.Json.Nodes;

namespace CognitoClerk.Emulators;

/// <summary>A user as the emulator keeps it; only touched under <see cref="ClerkUserStore"/>'s lock.</summary>
internal sealed class ClerkStoredUser
{
    public string Id { get; set; } = string.Empty;

    public long Sequence { get; set; }

    public string? ExternalId { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Username { get; set; }

    public string? Locale { get; set; }

    public List<ClerkStoredIdentification> Emails { get; } = new();

    public List<ClerkStoredIdentification> Phones { get; } = new();

    /// <summary>The primary email address's id: the first one created, or the one made primary since (null when none).</summary>
    public string? PrimaryEmailId { get; set; }

    public string? PrimaryPhoneId { get; set; }

    /// <summary>As sent (awscognito, bcrypt…), or "bcrypt" after the emulator re-hashed a verified password.</summary>
    public string? PasswordHasher { get; set; }

    /// <summary>As sent, or the emulator's own hash (see <see cref="ClerkPasswordHash"/>) once it owns the password.</summary>
    public string? PasswordDigest { get; set; }

    /// <summary>True when <see cref="PasswordDigest"/> is the emulator's own hash, which it can verify.</summary>
    public bool HasLocalPasswordHash { get; set; }

    public JsonObject PublicMetadata { get; set; } = new();

    public JsonObject? PrivateMetadata { get; set; }

    public JsonObject UnsafeMetadata { get; set; } = new();

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long? LegalAcceptedAt { get; set; }

    public bool Banned { get; set; }

    /// <summary>Unix milliseconds of the last simulated sign-in (POST /v1/users/{id}/sign_in); null when never.</summary>
    public long? LastSignInAt { get; set; }

    /// <summary>Unix milliseconds; set with <see cref="LastSignInAt"/>.</summary>
    public long? LastActiveAt { get; set; }

    public bool Locked { get; set; }

    public bool DeleteSelfEnabled { get; set; } = true;

    public bool CreateOrganizationEnabled { get; set; } = true;

    public int? CreateOrganizationsLimit { get; set; }

    public bool BypassClientTrust { get; set; }

    public string CreateRequestJson { get; set; } = "{}";

    public ClerkEmulatorUser Snapshot() => new(
        Id,
        ExternalId,
        Username,
        FirstName,
        LastName,
        Emails.Select(e => new ClerkEmulatorIdentification(e.Value, e.Status)).ToList(),
        Phones.Select(p => new ClerkEmulatorIdentification(p.Value, p.Status)).ToList(),
        PasswordHasher,
        PasswordDigest,
        DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        PublicMetadata.ToJsonString(),
        PrivateMetadata?.ToJsonString(),
        CreateRequestJson,
        UnsafeMetadata.ToJsonString(),
        Banned,
        LastSignInAt is { } signedIn ? DateTimeOffset.FromUnixTimeMilliseconds(signedIn) : null)
    {
        PrimaryEmailAddress = Emails.FirstOrDefault(e => e.Id == PrimaryEmailId)?.Value,
        PrimaryPhoneNumber = Phones.FirstOrDefault(p => p.Id == PrimaryPhoneId)?.Value,
        Locked = Locked,
    };
}

/// <summary>
/// One email address or phone number of a stored user. Status: "verified", "reserved" (created unverified by
/// CreateUser's identification status: usable for sign-in, locked to the user) or "unverified" (added unverified).
/// </summary>
internal sealed record ClerkStoredIdentification(string Id, string Value, string Status);
