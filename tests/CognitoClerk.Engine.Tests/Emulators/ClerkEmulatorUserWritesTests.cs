using System.Text.Json;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Emulators;

/// <summary>
/// The emulator's writes to existing users, over raw HTTP, as the spec describes them: UpdateUser, the metadata
/// merge, email addresses and phone numbers, ban and lock, cursor listing, the per-user update limit, and the
/// simulated sign-in that alone sets last_sign_in_at.
/// </summary>
public sealed class ClerkEmulatorUserWritesTests
{
    [Fact]
    public async Task UpdateUser_changes_names_and_refuses_metadata_and_fields_it_does_not_emulate()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string id = await CreateAsync(raw, """{"external_id":"e1","first_name":"Ann","last_name":"Lee"}""");

        RawAnswer renamed = await raw.SendAsync(HttpMethod.Patch, "users/" + id, """{"first_name":"Anne","last_name":null}""");
        Assert.Equal(200, renamed.Status);
        Assert.Equal("Anne", renamed.Body.GetProperty("first_name").GetString());
        Assert.Equal(JsonValueKind.Null, renamed.Body.GetProperty("last_name").ValueKind);

        // API version 2026-05-12: UpdateUser no longer takes metadata (the spec's schema has no such field).
        RawAnswer metadata = await raw.SendAsync(HttpMethod.Patch, "users/" + id, """{"private_metadata":{"a":1}}""");
        Assert.Equal((422, "form_param_unknown", "private_metadata"), (metadata.Status, metadata.Code, metadata.ParamName));

        // A field the spec allows but the emulator does not model fails loudly instead of being ignored.
        RawAnswer password = await raw.SendAsync(HttpMethod.Patch, "users/" + id, """{"password":"new-password-1"}""");
        Assert.Equal((400, "emulator_field_not_emulated"), (password.Status, password.Code));
        Assert.Equal("Anne", emulator.Users.Single().FirstName);
    }

    [Fact]
    public async Task The_metadata_patch_merges_deeply_removes_nulls_and_the_put_replaces()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string id = await CreateAsync(raw, """{"external_id":"e1","private_metadata":{"cognito":{"username":"ann","pool":"p1"},"app":{"plan":"pro"}}}""");

        RawAnswer merged = await raw.SendAsync(HttpMethod.Patch, $"users/{id}/metadata",
            """{"private_metadata":{"cognito":{"pool":null,"tenant":"t1"},"app":{"seats":3}},"public_metadata":{"role":"admin"}}""");

        Assert.Equal(200, merged.Status);
        Assert.Equal("""{"cognito":{"username":"ann","tenant":"t1"},"app":{"plan":"pro","seats":3}}""", merged.Body.GetProperty("private_metadata").GetRawText());
        Assert.Equal("""{"role":"admin"}""", merged.Body.GetProperty("public_metadata").GetRawText());

        RawAnswer replaced = await raw.SendAsync(HttpMethod.Put, $"users/{id}/metadata", """{"private_metadata":{"only":true}}""");
        Assert.Equal("""{"only":true}""", replaced.Body.GetProperty("private_metadata").GetRawText());
        Assert.Equal("""{"role":"admin"}""", replaced.Body.GetProperty("public_metadata").GetRawText());
        Assert.Equal(2, emulator.Stats.UserWrites);
    }

    [Fact]
    public async Task Email_addresses_are_added_verified_or_not_made_primary_and_removed()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string id = await CreateAsync(raw, """{"external_id":"e1","email_address":["old@example.com"]}""");
        await CreateAsync(raw, """{"external_id":"e2","email_address":["taken@example.com"]}""");
        string oldId = (await raw.GetAsync("users/" + id)).Body.GetProperty("primary_email_address_id").GetString()!;

        RawAnswer added = await raw.PostAsync("email_addresses", $$"""{"user_id":"{{id}}","email_address":"new@example.com","verified":true,"primary":true}""");
        Assert.Equal(200, added.Status);
        Assert.Equal("email_address", added.Body.GetProperty("object").GetString());
        Assert.Equal("verified", added.Body.GetProperty("verification").GetProperty("status").GetString());
        string newId = added.Body.GetProperty("id").GetString()!;
        Assert.Equal(newId, (await raw.GetAsync("users/" + id)).Body.GetProperty("primary_email_address_id").GetString());

        RawAnswer unverified = await raw.PostAsync("email_addresses", $$"""{"user_id":"{{id}}","email_address":"other@example.com","verified":false}""");
        Assert.Equal(JsonValueKind.Null, unverified.Body.GetProperty("verification").ValueKind);
        Assert.False(unverified.Body.GetProperty("reserved").GetBoolean());

        RawAnswer duplicate = await raw.PostAsync("email_addresses", $$"""{"user_id":"{{id}}","email_address":"TAKEN@example.com"}""");
        Assert.Equal((422, "form_identifier_exists", "email_address"), (duplicate.Status, duplicate.Code, duplicate.ParamName));
        RawAnswer missing = await raw.PostAsync("email_addresses", $$"""{"user_id":"{{id}}"}""");
        Assert.Equal((422, "form_param_missing"), (missing.Status, missing.Code));

        RawAnswer deleted = await raw.SendAsync(HttpMethod.Delete, "email_addresses/" + oldId, null);
        Assert.True(deleted.Body.GetProperty("deleted").GetBoolean());
        Assert.Equal(404, (await raw.GetAsync("email_addresses/" + oldId)).Status);
        Assert.Equal(new[] { "new@example.com", "other@example.com" }, emulator.Users.Single(u => u.Id == id).EmailAddresses.Select(e => e.Value));

        // Removing the primary one hands the role to the next.
        await raw.SendAsync(HttpMethod.Delete, "email_addresses/" + newId, null);
        Assert.Equal("other@example.com", emulator.Users.Single(u => u.Id == id).PrimaryEmailAddress);

        // The address removed is free for anyone again.
        Assert.Equal(200, (await raw.PostAsync("users", """{"external_id":"e3","email_address":["old@example.com"]}""")).Status);
    }

    [Fact]
    public async Task Phone_numbers_are_added_in_E164_made_primary_and_removed()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string id = await CreateAsync(raw, """{"external_id":"e1","phone_number":["+14155550100"]}""");

        Assert.Equal((422, "form_param_format_invalid"), await StatusAndCode(raw.PostAsync("phone_numbers", $$"""{"user_id":"{{id}}","phone_number":"415 555 0101"}""")));
        RawAnswer added = await raw.PostAsync("phone_numbers", $$"""{"user_id":"{{id}}","phone_number":"+14155550101","verified":true,"primary":true}""");
        Assert.Equal("phone_number", added.Body.GetProperty("object").GetString());
        Assert.Equal("+14155550101", emulator.Users.Single().PrimaryPhoneNumber);

        string oldId = (await raw.GetAsync("users/" + id)).Body.GetProperty("phone_numbers")[0].GetProperty("id").GetString()!;
        Assert.Equal(200, (await raw.SendAsync(HttpMethod.Delete, "phone_numbers/" + oldId, null)).Status);
        Assert.Equal(new[] { "+14155550101" }, emulator.Users.Single().PhoneNumbers.Select(p => p.Value));
        Assert.Equal(404, (await raw.SendAsync(HttpMethod.Delete, "phone_numbers/" + oldId, null)).Status);
    }

    [Fact]
    public async Task Ban_unban_lock_and_unlock_show_on_the_user()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string id = await CreateAsync(raw, """{"external_id":"e1"}""");

        Assert.True((await raw.PostAsync($"users/{id}/ban", "{}")).Body.GetProperty("banned").GetBoolean());
        Assert.True(emulator.Users.Single().Banned);
        Assert.False((await raw.PostAsync($"users/{id}/unban", "{}")).Body.GetProperty("banned").GetBoolean());
        Assert.True((await raw.PostAsync($"users/{id}/lock", "{}")).Body.GetProperty("locked").GetBoolean());
        Assert.False((await raw.PostAsync($"users/{id}/unlock", "{}")).Body.GetProperty("locked").GetBoolean());
        Assert.Equal(404, (await raw.PostAsync("users/user_missing/ban", "{}")).Status);
    }

    [Fact]
    public async Task The_starting_after_cursor_walks_every_user_once_newest_first()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        for (int i = 0; i < 7; i++)
        {
            // Two users share each created_at: the order still has to be total for the cursor.
            await CreateAsync(raw, $$"""{"external_id":"e{{i}}","created_at":"2020-01-0{{(i / 2) + 1}}T00:00:00Z"}""");
        }

        var seen = new List<string>();
        string? cursor = null;
        int pages = 0;
        while (true)
        {
            RawAnswer page = await raw.GetAsync("users?limit=3" + (cursor == null ? string.Empty : "&starting_after=" + cursor));
            pages++;
            seen.AddRange(page.Body.EnumerateArray().Select(u => u.GetProperty("external_id").GetString()!));
            if (page.Body.GetArrayLength() < 3)
            {
                break;
            }

            cursor = page.Body[2].GetProperty("id").GetString();
        }

        Assert.Equal(new[] { "e6", "e5", "e4", "e3", "e2", "e1", "e0" }, seen);
        Assert.Equal(3, pages);
        Assert.Equal((422, "form_param_value_invalid"), await StatusAndCode(raw.GetAsync("users?starting_after=user_nobody")));
        string first = emulator.Users[0].Id;
        Assert.Equal(422, (await raw.GetAsync($"users?starting_after={first}&offset=1")).Status);
        Assert.Equal(422, (await raw.GetAsync($"users?starting_after={first}&order_by=last_name")).Status);
    }

    [Fact]
    public async Task A_user_takes_ten_updates_in_ten_seconds_and_the_eleventh_waits()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string busy = await CreateAsync(raw, """{"external_id":"e1"}""");
        string other = await CreateAsync(raw, """{"external_id":"e2"}""");

        for (int i = 0; i < 10; i++)
        {
            string path = i % 2 == 0 ? "users/" + busy : $"users/{busy}/metadata";
            string body = i % 2 == 0 ? $$"""{"first_name":"n{{i}}"}""" : """{"private_metadata":{"x":1}}""";
            Assert.Equal(200, (await raw.SendAsync(HttpMethod.Patch, path, body)).Status);
        }

        RawAnswer eleventh = await raw.SendAsync(HttpMethod.Patch, "users/" + busy, """{"first_name":"late"}""");
        Assert.Equal((429, "too_many_requests"), (eleventh.Status, eleventh.Code));
        Assert.NotNull(eleventh.RetryAfter);
        Assert.Equal(200, (await raw.SendAsync(HttpMethod.Patch, "users/" + other, """{"first_name":"fine"}""")).Status);
        Assert.Equal(11, emulator.Stats.MaxUpdatesOfOneUserInAnyWindow); // the eleventh counts as it arrived, refused or not
        Assert.Equal("n8", emulator.Users.Single(u => u.Id == busy).FirstName);
    }

    [Fact]
    public async Task Only_the_simulated_sign_in_sets_last_sign_in_at_and_a_banned_user_cannot_sign_in()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        using var probe = new ClerkSignInProbe(emulator.BaseUrl, emulator.Options.SecretKey);
        string id = await CreateAsync(raw, """{"external_id":"e1","password":"correct-horse-1"}""");

        Assert.True((await probe.VerifyPasswordAsync(id, "correct-horse-1")).Verified);
        Assert.Null(emulator.Users.Single().LastSignInAt);

        ClerkSignInAnswer wrong = await probe.SignInAsync(id, "wrong-horse-1");
        Assert.Equal((422, "incorrect_password"), (wrong.Status, wrong.ErrorCode));
        Assert.Null(emulator.Users.Single().LastSignInAt);

        Assert.True((await probe.SignInAsync(id, "correct-horse-1")).Verified);
        RawAnswer user = await raw.GetAsync("users/" + id);
        Assert.Equal(JsonValueKind.Number, user.Body.GetProperty("last_sign_in_at").ValueKind);
        Assert.Equal(JsonValueKind.Number, user.Body.GetProperty("last_active_at").ValueKind);
        Assert.Equal(1, emulator.Stats.SignIns);

        await raw.PostAsync($"users/{id}/ban", "{}");
        ClerkSignInAnswer banned = await probe.SignInAsync(id, "correct-horse-1");
        Assert.Equal((403, "user_banned"), (banned.Status, banned.ErrorCode));
    }

    private static async Task<string> CreateAsync(RawClerkHttp raw, string body)
    {
        RawAnswer created = await raw.PostAsync("users", body);
        Assert.Equal(200, created.Status);
        return created.Body.GetProperty("id").GetString()!;
    }

    private static async Task<(int, string?)> StatusAndCode(Task<RawAnswer> call)
    {
        RawAnswer answer = await call;
        return (answer.Status, answer.Code);
    }
}
