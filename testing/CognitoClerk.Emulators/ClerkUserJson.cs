using System.Text.Json.Nodes;

namespace CognitoClerk.Emulators;

/// <summary>
/// Writes a stored user as the spec's User object: every key the spec marks required (the tests
/// compare against the spec's list), timestamps as Unix milliseconds.
/// </summary>
internal static class ClerkUserJson
{
    public static JsonObject Write(ClerkStoredUser user) => new()
    {
        ["id"] = user.Id,
        ["object"] = "user",
        ["external_id"] = user.ExternalId,
        ["primary_email_address_id"] = user.PrimaryEmailId,
        ["primary_phone_number_id"] = user.PrimaryPhoneId,
        ["primary_web3_wallet_id"] = null,
        ["username"] = user.Username,
        ["first_name"] = user.FirstName,
        ["last_name"] = user.LastName,
        ["locale"] = user.Locale,
        ["image_url"] = "https://img.clerk.com/emulator",
        ["has_image"] = false,
        ["public_metadata"] = user.PublicMetadata.DeepClone(),
        ["private_metadata"] = user.PrivateMetadata?.DeepClone(),
        ["unsafe_metadata"] = user.UnsafeMetadata.DeepClone(),
        ["email_addresses"] = new JsonArray(user.Emails.Select(e => (JsonNode)Identification(e, "email_address", user)).ToArray()),
        ["phone_numbers"] = new JsonArray(user.Phones.Select(p => (JsonNode)Phone(p, user)).ToArray()),
        ["web3_wallets"] = new JsonArray(),
        ["passkeys"] = new JsonArray(),
        ["password_enabled"] = user.PasswordDigest != null,
        ["two_factor_enabled"] = false,
        ["totp_enabled"] = false,
        ["backup_code_enabled"] = false,
        ["mfa_enabled_at"] = null,
        ["mfa_disabled_at"] = null,
        ["password_last_updated_at"] = user.PasswordDigest != null ? user.UpdatedAt : null,
        ["external_accounts"] = new JsonArray(),
        ["saml_accounts"] = new JsonArray(),
        ["enterprise_accounts"] = new JsonArray(),
        ["organization_memberships"] = new JsonArray(),
        ["last_sign_in_at"] = user.LastSignInAt,
        ["banned"] = user.Banned,
        ["locked"] = user.Locked,
        ["deprovisioned"] = false,
        ["lockout_expires_in_seconds"] = null,
        ["verification_attempts_remaining"] = null,
        ["updated_at"] = user.UpdatedAt,
        ["created_at"] = user.CreatedAt,
        ["delete_self_enabled"] = user.DeleteSelfEnabled,
        ["create_organization_enabled"] = user.CreateOrganizationEnabled,
        ["create_organizations_limit"] = user.CreateOrganizationsLimit,
        ["last_active_at"] = user.LastActiveAt,
        ["legal_accepted_at"] = user.LegalAcceptedAt,
        ["bypass_client_trust"] = user.BypassClientTrust,
    };

    /// <summary>The EmailAddress object (CreateEmailAddress, GetEmailAddress answer it alone).</summary>
    public static JsonObject EmailAddress(ClerkStoredIdentification email, ClerkStoredUser user) => Identification(email, "email_address", user);

    /// <summary>The PhoneNumber object.</summary>
    public static JsonObject PhoneNumber(ClerkStoredIdentification phone, ClerkStoredUser user) => Phone(phone, user);

    private static JsonObject Identification(ClerkStoredIdentification identification, string objectName, ClerkStoredUser user) => new()
    {
        ["id"] = identification.Id,
        ["object"] = objectName,
        [objectName] = identification.Value,
        ["reserved"] = identification.Status == "reserved",
        // Created verified by an admin (the Backend API); a reserved one has no verification yet.
        ["verification"] = identification.Status == "verified"
            ? new JsonObject
            {
                ["object"] = "verification_admin",
                ["status"] = "verified",
                ["strategy"] = "admin",
                ["attempts"] = null,
                ["expire_at"] = null,
            }
            : null,
        ["linked_to"] = new JsonArray(),
        ["created_at"] = user.CreatedAt,
        ["updated_at"] = user.UpdatedAt,
    };

    private static JsonObject Phone(ClerkStoredIdentification phone, ClerkStoredUser user)
    {
        JsonObject json = Identification(phone, "phone_number", user);
        json["reserved_for_second_factor"] = false;
        json["default_second_factor"] = false;
        json["backup_codes"] = null;
        return json;
    }
}
