using System.Text.Json;
using System.Text.Json.Nodes;

namespace CognitoClerk.Emulators;

/// <summary>
/// The Backend API calls that change an existing user, each checked against its request schema in the spec:
/// UpdateUser (PATCH /v1/users/{id}, which since 2026-05-12 refuses the metadata fields: the spec's schema no
/// longer lists them, so they are form_param_unknown), UpdateUserMetadata and ReplaceUserMetadata
/// (PATCH/PUT /v1/users/{id}/metadata), Create/Get/DeleteEmailAddress and the same for phone numbers, and
/// ban, unban, lock and unlock. Each handler returns the answer's body; errors are thrown as Clerk writes them.
/// </summary>
internal sealed class ClerkUserAdminRoutes
{
    /// <summary>UpdateUser fields the emulator applies; any other field the spec allows is refused loudly (see <see cref="UpdateUser"/>).</summary>
    private static readonly HashSet<string> AppliedUpdateFields = new(StringComparer.Ordinal)
    {
        "first_name", "last_name", "locale", "external_id", "username", "primary_email_address_id", "primary_phone_number_id",
        "notify_primary_email_address_changed",
    };

    private readonly ClerkUserStore _store;
    private readonly OpenApiSchema _updateUserSchema;
    private readonly OpenApiSchema _updateMetadataSchema;
    private readonly OpenApiSchema _replaceMetadataSchema;
    private readonly OpenApiSchema _createEmailSchema;
    private readonly OpenApiSchema _createPhoneSchema;
    private readonly IReadOnlySet<string> _refusedUpdateFields;
    private long _writes;

    public ClerkUserAdminRoutes(ClerkOpenApiSpec spec, ClerkUserStore store, bool usernamesEnabled)
    {
        _store = store;
        _updateUserSchema = spec.RequestBody("/users/{user_id}", "patch");
        _updateMetadataSchema = spec.RequestBody("/users/{user_id}/metadata", "patch");
        _replaceMetadataSchema = spec.RequestBody("/users/{user_id}/metadata", "put");
        _createEmailSchema = spec.RequestBody("/email_addresses", "post");
        _createPhoneSchema = spec.RequestBody("/phone_numbers", "post");
        _refusedUpdateFields = usernamesEnabled ? new HashSet<string>() : new HashSet<string> { "username" };
    }

    /// <summary>Writes that took effect, for assertions ("-WhatIf wrote nothing").</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>
    /// PATCH /v1/users/{id}. Fields the emulator does not model (passwords, TOTP, backup codes…) are refused with
    /// 400 emulator_field_not_emulated rather than ignored: a client that sends one by mistake must fail a test,
    /// and the module must never send a password field at all.
    /// </summary>
    public JsonObject UpdateUser(string userId, JsonElement body)
    {
        ClerkRequestValidator.Check(body, _updateUserSchema, _refusedUpdateFields);
        foreach (JsonProperty property in body.EnumerateObject())
        {
            if (!AppliedUpdateFields.Contains(property.Name))
            {
                throw new ClerkEmulatorError(400, "emulator_field_not_emulated", "not emulated",
                    $"The Clerk emulator does not emulate UpdateUser's {property.Name}.", property.Name);
            }
        }

        var identity = new ClerkUserIdentityChange(
            body.TryGetProperty("external_id", out JsonElement externalId), Text(externalId),
            body.TryGetProperty("username", out JsonElement username), Blank(Text(username)));
        JsonObject answer = _store.Update(userId, identity, user =>
        {
            if (body.TryGetProperty("first_name", out JsonElement first))
            {
                user.FirstName = Text(first);
            }

            if (body.TryGetProperty("last_name", out JsonElement last))
            {
                user.LastName = Text(last);
            }

            if (body.TryGetProperty("locale", out JsonElement locale))
            {
                user.Locale = Text(locale);
            }

            SetPrimary(user, body, "primary_email_address_id", user.Emails, id => user.PrimaryEmailId = id);
            SetPrimary(user, body, "primary_phone_number_id", user.Phones, id => user.PrimaryPhoneId = id);
            return ClerkUserJson.Write(user);
        });
        Interlocked.Increment(ref _writes);
        return answer;
    }

    /// <summary>PATCH (deep merge, null removes) or PUT (replace each field given) /v1/users/{id}/metadata.</summary>
    public JsonObject UpdateMetadata(string userId, JsonElement body, bool replace)
    {
        ClerkRequestValidator.Check(body, replace ? _replaceMetadataSchema : _updateMetadataSchema);
        JsonObject patch = JsonNode.Parse(body.GetRawText())!.AsObject();
        JsonObject answer = _store.Update(userId, ClerkUserIdentityChange.None, user =>
        {
            if (patch["public_metadata"] is JsonObject publicMetadata)
            {
                user.PublicMetadata = replace ? publicMetadata.DeepClone().AsObject() : ClerkMetadataMerge.Merge(user.PublicMetadata, publicMetadata);
            }

            if (patch["private_metadata"] is JsonObject privateMetadata)
            {
                user.PrivateMetadata = replace ? privateMetadata.DeepClone().AsObject() : ClerkMetadataMerge.Merge(user.PrivateMetadata, privateMetadata);
            }

            if (patch["unsafe_metadata"] is JsonObject unsafeMetadata)
            {
                user.UnsafeMetadata = replace ? unsafeMetadata.DeepClone().AsObject() : ClerkMetadataMerge.Merge(user.UnsafeMetadata, unsafeMetadata);
            }

            return ClerkUserJson.Write(user);
        });
        Interlocked.Increment(ref _writes);
        return answer;
    }

    /// <summary>POST /v1/email_addresses or /v1/phone_numbers: verified or not as asked, primary when asked or when first.</summary>
    public JsonObject CreateIdentification(bool isEmail, JsonElement body)
    {
        string field = isEmail ? "email_address" : "phone_number";
        ClerkRequestValidator.Check(body, isEmail ? _createEmailSchema : _createPhoneSchema);
        if (body.TryGetProperty("reserved_for_second_factor", out JsonElement secondFactor) && secondFactor.ValueKind == JsonValueKind.True)
        {
            throw new ClerkEmulatorError(400, "emulator_field_not_emulated", "not emulated",
                "The Clerk emulator does not emulate phone numbers reserved for second factors.", "reserved_for_second_factor");
        }

        string userId = body.GetProperty("user_id").GetString()!;
        string value = body.GetProperty(field).GetString()!;
        if (isEmail)
        {
            ClerkCreateUserBody.CheckEmailAddress(value);
        }
        else
        {
            ClerkCreateUserBody.CheckPhoneNumber(value);
        }

        bool verified = body.TryGetProperty("verified", out JsonElement v) && v.ValueKind == JsonValueKind.True;
        bool primary = body.TryGetProperty("primary", out JsonElement p) && p.ValueKind == JsonValueKind.True;
        (ClerkStoredUser user, ClerkStoredIdentification added) = _store.AddIdentification(userId, isEmail, value, verified ? "verified" : "unverified", primary);
        Interlocked.Increment(ref _writes);
        return _store.With(user.Id, u => isEmail ? ClerkUserJson.EmailAddress(added, u) : ClerkUserJson.PhoneNumber(added, u));
    }

    public JsonObject GetIdentification(string id, bool isEmail) =>
        _store.WithIdentification(id, isEmail, (user, found) => isEmail ? ClerkUserJson.EmailAddress(found, user) : ClerkUserJson.PhoneNumber(found, user));

    /// <summary>DELETE /v1/email_addresses/{id} or /v1/phone_numbers/{id}: the spec's DeletedObject.</summary>
    public JsonObject DeleteIdentification(string id, bool isEmail)
    {
        ClerkStoredIdentification removed = _store.RemoveIdentification(id, isEmail);
        Interlocked.Increment(ref _writes);
        return new JsonObject
        {
            ["object"] = isEmail ? "email_address" : "phone_number",
            ["id"] = removed.Id,
            ["deleted"] = true,
        };
    }

    /// <summary>POST /v1/users/{id}/ban, /unban, /lock or /unlock: the user as it now is.</summary>
    public JsonObject SetAccess(string userId, string action)
    {
        JsonObject answer = _store.Update(userId, ClerkUserIdentityChange.None, user =>
        {
            switch (action)
            {
                case "ban":
                    user.Banned = true;
                    break;
                case "unban":
                    user.Banned = false;
                    break;
                case "lock":
                    user.Locked = true;
                    break;
                case "unlock":
                    user.Locked = false;
                    break;
                default:
                    throw ClerkEmulatorError.NotFound("The requested resource was not found.");
            }

            return ClerkUserJson.Write(user);
        });
        Interlocked.Increment(ref _writes);
        return answer;
    }

    /// <summary>Counts a DELETE /v1/users/{id} among the writes.</summary>
    public void CountWrite() => Interlocked.Increment(ref _writes);

    private static void SetPrimary(ClerkStoredUser user, JsonElement body, string field, List<ClerkStoredIdentification> owned, Action<string> set)
    {
        if (!body.TryGetProperty(field, out JsonElement value) || value.ValueKind != JsonValueKind.String)
        {
            return;
        }

        ClerkStoredIdentification? target = owned.FirstOrDefault(i => i.Id == value.GetString());
        if (target == null || target.Status != "verified")
        {
            // The spec: "It must be verified, and present on the current user."
            throw ClerkEmulatorError.InvalidValue(field, target == null ? "not an identification of this user" : "the identification is not verified");
        }

        set(target.Id);
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Blank(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
