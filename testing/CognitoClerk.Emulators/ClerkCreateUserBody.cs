using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CognitoClerk.Emulators;

/// <summary>
/// The checks Clerk makes on a CreateUser body beyond its JSON schema (formats, parallel arrays,
/// password digests), and the stored user it becomes. Runs after <see cref="ClerkRequestValidator"/>,
/// so every value already has the spec's type.
/// </summary>
internal static partial class ClerkCreateUserBody
{
    /// <summary>Hashers Clerk accepts (the JS SDK's PasswordHasher type plus the ones in Clerk's docs); the spec's enum-less string has no list.</summary>
    private static readonly HashSet<string> KnownHashers = new(StringComparer.Ordinal)
    {
        "argon2i", "argon2id", "awscognito", "bcrypt", "bcrypt_peppered", "bcrypt_sha256_django", "hmac_sha256_utf16_b64",
        "ldap_ssha", "md5", "md5_phpass", "md5_salted", "pbkdf2_sha1", "pbkdf2_sha256", "pbkdf2_sha256_django",
        "pbkdf2_sha512", "pbkdf2_sha512_hex", "phpass", "scrypt_firebase", "scrypt_werkzeug", "sha256", "sha256_salted",
        "sha512_symfony",
    };

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    /// <summary>Clerk keeps at most 8 KB of metadata per user, public, private and unsafe together ("Metadata is limited to 8KB maximum").</summary>
    public const int MaxMetadataBytes = 8 * 1024;

    public static ClerkStoredUser ToUser(JsonElement body, string rawJson, int passwordHashIterations)
    {
        CheckMetadataSize(body);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var user = new ClerkStoredUser
        {
            Id = ClerkIds.New("user_"),
            ExternalId = String(body, "external_id"),
            FirstName = String(body, "first_name"),
            LastName = String(body, "last_name"),
            Username = String(body, "username"),
            Locale = String(body, "locale"),
            CreatedAt = Time(body, "created_at") ?? now,
            UpdatedAt = now,
            LegalAcceptedAt = Time(body, "legal_accepted_at"),
            Banned = Bool(body, "banned") ?? false,
            Locked = Bool(body, "locked") ?? false,
            DeleteSelfEnabled = Bool(body, "delete_self_enabled") ?? true,
            CreateOrganizationEnabled = Bool(body, "create_organization_enabled") ?? true,
            CreateOrganizationsLimit = body.TryGetProperty("create_organizations_limit", out JsonElement limit) && limit.ValueKind == JsonValueKind.Number ? limit.GetInt32() : null,
            BypassClientTrust = Bool(body, "bypass_client_trust") ?? false,
            PublicMetadata = Object(body, "public_metadata") ?? new JsonObject(),
            PrivateMetadata = Object(body, "private_metadata"),
            UnsafeMetadata = Object(body, "unsafe_metadata") ?? new JsonObject(),
            CreateRequestJson = rawJson,
        };

        user.Emails.AddRange(Identifications(body, "email_address", "idn_", CheckEmailAddress));
        user.Phones.AddRange(Identifications(body, "phone_number", "idn_", CheckPhoneNumber));
        user.PrimaryEmailId = user.Emails.FirstOrDefault()?.Id;
        user.PrimaryPhoneId = user.Phones.FirstOrDefault()?.Id;

        SetPassword(body, user, passwordHashIterations);
        return user;
    }

    /// <summary>Clerk's format rule for an email address (form_param_format_invalid), for CreateUser and POST /v1/email_addresses alike.</summary>
    public static void CheckEmailAddress(string value)
    {
        if (!Email().IsMatch(value))
        {
            throw ClerkEmulatorError.Format("email_address", "email_address must be a valid email address.");
        }
    }

    /// <summary>E.164, for CreateUser and POST /v1/phone_numbers alike.</summary>
    public static void CheckPhoneNumber(string value)
    {
        if (!E164().IsMatch(value))
        {
            throw ClerkEmulatorError.Format("phone_number", "phone_number must be a valid phone number according to E.164 international standard.");
        }
    }

    private static IEnumerable<ClerkStoredIdentification> Identifications(JsonElement body, string name, string idPrefix, Action<string> checkFormat)
    {
        List<string> values = Strings(body, name);
        List<string> statuses = Strings(body, name + "_identification_status");
        if (statuses.Count > 0 && statuses.Count != values.Count)
        {
            throw new ClerkEmulatorError(422, "form_param_array_length_mismatch", "array length mismatch",
                $"{name}_identification_status must have one item per {name} ({values.Count}), not {statuses.Count}.", name + "_identification_status");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < values.Count; i++)
        {
            checkFormat(values[i]);
            if (!seen.Add(values[i]))
            {
                throw new ClerkEmulatorError(422, "form_param_duplicate", "is duplicate", $"{name} contains the same value twice.", name);
            }

            yield return new ClerkStoredIdentification(ClerkIds.New(idPrefix), values[i], statuses.Count > 0 ? statuses[i] : "verified");
        }
    }

    private static void SetPassword(JsonElement body, ClerkStoredUser user, int iterations)
    {
        string? password = String(body, "password");
        string? digest = String(body, "password_digest");
        string? hasher = String(body, "password_hasher");

        if (digest != null && hasher == null)
        {
            throw ClerkEmulatorError.Missing("password_hasher");
        }

        if (hasher != null && digest == null)
        {
            throw ClerkEmulatorError.Missing("password_digest");
        }

        if (hasher != null)
        {
            if (!KnownHashers.Contains(hasher))
            {
                throw ClerkEmulatorError.InvalidValue("password_hasher", $"'{hasher}' is not a supported password hasher");
            }

            if (hasher == ClerkAwsCognitoDigest.Hasher && ClerkAwsCognitoDigest.TryParse(digest!) == null)
            {
                throw new ClerkEmulatorError(422, "form_password_digest_invalid_code", "invalid password digest",
                    "The provided password_digest is not valid for the provided password_hasher: awscognito digests are awscognito#<user pool id>#<client id>#<identifier>.",
                    "password_digest");
            }

            user.PasswordHasher = hasher;
            user.PasswordDigest = digest;
            return;
        }

        if (password != null)
        {
            if (password.Length < 8)
            {
                throw new ClerkEmulatorError(422, "form_password_length_too_short", "is too short", "Passwords must be 8 characters or more.", "password");
            }

            user.PasswordHasher = "bcrypt";
            user.PasswordDigest = ClerkPasswordHash.Hash(password, iterations);
            user.HasLocalPasswordHash = true;
        }
    }

    /// <summary>
    /// The three metadata objects as sent (compact JSON, UTF-8), added up. Clerk's error code for this case is not
    /// documented; the emulator answers with the generic form_param_value_invalid.
    /// </summary>
    private static void CheckMetadataSize(JsonElement body)
    {
        int bytes = 0;
        foreach (string name in new[] { "public_metadata", "private_metadata", "unsafe_metadata" })
        {
            if (body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object)
            {
                bytes += System.Text.Encoding.UTF8.GetByteCount(value.GetRawText());
            }
        }

        if (bytes > MaxMetadataBytes)
        {
            throw ClerkEmulatorError.InvalidValue("public_metadata",
                $"public_metadata, private_metadata and unsafe_metadata together are {bytes} bytes; metadata is limited to 8KB ({MaxMetadataBytes} bytes)");
        }
    }

    private static long? Time(JsonElement body, string name)
    {
        string? text = String(body, name);
        if (text == null)
        {
            return null;
        }

        if (!Rfc3339().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            throw new ClerkEmulatorError(422, "form_param_invalid_time", "is invalid",
                $"{name} must be a valid date/time in RFC3339 format (e.g. 2012-10-20T07:15:20.902Z).", name);
        }

        return time.ToUnixTimeMilliseconds();
    }

    private static string? String(JsonElement body, string name) =>
        body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool? Bool(JsonElement body, string name) =>
        body.TryGetProperty(name, out JsonElement value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static List<string> Strings(JsonElement body, string name) =>
        body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
            : new List<string>();

    private static JsonObject? Object(JsonElement body, string name) =>
        body.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Object
            ? JsonNode.Parse(value.GetRawText())!.AsObject()
            : null;
}
