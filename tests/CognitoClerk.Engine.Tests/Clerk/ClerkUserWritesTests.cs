using System.Diagnostics;
using System.Text.Json.Nodes;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

/// <summary>The client's calls for the cutover, against the Clerk emulator: reads, the cursor, and every write the sync makes.</summary>
public sealed class ClerkUserWritesTests
{
    [Fact]
    public async Task Reads_a_user_with_its_profile_sign_in_and_metadata_and_null_for_one_that_is_gone()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(emulator);
        ClerkUser created = await api.CreateUserAsync(new ClerkCreateUserRequest
        {
            ExternalId = "sub-1",
            FirstName = "Ann",
            LastName = "Lee",
            EmailAddress = new List<string> { "ann@example.com" },
            EmailAddressIdentificationStatus = new List<string> { "reserved" },
            PhoneNumber = new List<string> { "+14155550100" },
            PrivateMetadata = new Dictionary<string, object?> { ["cognito"] = new Dictionary<string, object?> { ["username"] = "ann" } },
        }, CancellationToken.None);

        ClerkUser? read = await api.GetUserAsync(created.Id, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(("Ann", "Lee", "ann@example.com", "+14155550100"), (read!.FirstName, read.LastName, read.PrimaryEmailAddress, read.PrimaryPhoneNumber));
        Assert.False(read.EmailAddressDetails.Single().Verified);
        Assert.True(read.PhoneNumberDetails.Single().Verified);
        Assert.Null(read.LastSignInAt);
        Assert.False(read.Banned);
        Assert.Equal("ann", (string?)read.PrivateMetadata!["cognito"]!["username"]);
        Assert.Null(await api.GetUserAsync("user_gone", CancellationToken.None));
    }

    [Fact]
    public async Task Lists_every_user_page_by_page_with_the_cursor()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(emulator);
        for (int i = 0; i < 7; i++)
        {
            emulator.AddUser($$"""{"external_id":"e{{i}}"}""");
        }

        var seen = new List<string?>();
        string? cursor = null;
        int calls = 0;
        while (true)
        {
            IReadOnlyList<ClerkUser> page = await api.ListUsersAsync(cursor, 3, CancellationToken.None);
            calls++;
            seen.AddRange(page.Select(u => u.ExternalId));
            if (page.Count < 3)
            {
                break;
            }

            cursor = page[^1].Id;
        }

        Assert.Equal(new[] { "e6", "e5", "e4", "e3", "e2", "e1", "e0" }, seen);
        Assert.Equal(3, calls);
        Assert.Contains(emulator.Requests, r => r.Path == "/v1/users" && r.Query.Contains("starting_after=", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => api.ListUsersAsync(null, 501, CancellationToken.None));
    }

    [Fact]
    public async Task Updates_names_with_an_explicit_null_and_merges_metadata_without_touching_other_keys()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(emulator);
        string id = emulator.AddUser("""{"external_id":"e1","first_name":"Ann","last_name":"Lee","private_metadata":{"cognito":{"username":"ann"},"app":{"x":1}}}""");

        ClerkUser renamed = await api.UpdateUserAsync(id, new ClerkUpdateUserRequest().SetFirstName("Anne").SetLastName(null), CancellationToken.None);
        ClerkUser merged = await api.UpdateUserMetadataAsync(id, null, new JsonObject { ["cognito"] = new JsonObject { ["imported"] = new JsonObject { ["first_name"] = "h1" } } }, null, CancellationToken.None);

        Assert.Equal(("Anne", (string?)null), (renamed.FirstName, renamed.LastName));
        Assert.Equal("""{"cognito":{"username":"ann","imported":{"first_name":"h1"}},"app":{"x":1}}""", merged.PrivateMetadata!.ToJsonString());
        ClerkEmulatorRequest patch = emulator.Requests.Single(r => r.Method == "PATCH" && r.Path == "/v1/users/" + id);
        Assert.Equal("2026-05-12", patch.ApiVersion);
    }

    [Fact]
    public async Task Adds_and_removes_email_addresses_and_phone_numbers()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(emulator);
        string id = emulator.AddUser("""{"external_id":"e1","email_address":["old@example.com"],"phone_number":["+14155550100"]}""");
        emulator.AddUser("""{"external_id":"e2","email_address":["taken@example.com"]}""");
        ClerkUser before = (await api.GetUserAsync(id, CancellationToken.None))!;

        ClerkIdentification email = await api.CreateEmailAddressAsync(id, "new@example.com", verified: false, primary: true, CancellationToken.None);
        ClerkIdentification phone = await api.CreatePhoneNumberAsync(id, "+14155550101", verified: true, primary: true, CancellationToken.None);
        Assert.True(await api.DeleteEmailAddressAsync(before.PrimaryEmailAddressId!, CancellationToken.None));
        Assert.True(await api.DeletePhoneNumberAsync(before.PrimaryPhoneNumberId!, CancellationToken.None));
        Assert.False(await api.DeleteEmailAddressAsync(before.PrimaryEmailAddressId!, CancellationToken.None));

        ClerkUser after = (await api.GetUserAsync(id, CancellationToken.None))!;
        Assert.Equal((email.Id, phone.Id), (after.PrimaryEmailAddressId, after.PrimaryPhoneNumberId));
        Assert.False(email.Verified);
        Assert.Equal(new[] { "new@example.com" }, after.EmailAddresses);
        ClerkApiException taken = await Assert.ThrowsAsync<ClerkApiException>(() => api.CreateEmailAddressAsync(id, "taken@example.com", true, true, CancellationToken.None));
        Assert.Equal(("form_identifier_exists", "email_address"), (taken.Code, taken.ParamName));
    }

    [Fact]
    public async Task Bans_and_locks()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(emulator);
        string banned = emulator.AddUser("""{"external_id":"e1"}""");
        string locked = emulator.AddUser("""{"external_id":"e2"}""");
        string deleted = emulator.AddUser("""{"external_id":"e3"}""");

        Assert.True((await api.BanUserAsync(banned, CancellationToken.None)).Banned);
        Assert.True((await api.LockUserAsync(locked, CancellationToken.None)).Locked);
        Assert.Equal(ClerkDeleteResult.Deleted, await api.DeleteUserAsync(deleted, CancellationToken.None));
        Assert.Equal(ClerkDeleteResult.NotFound, await api.DeleteUserAsync(deleted, CancellationToken.None));
        Assert.Equal(new[] { "e1", "e2" }, emulator.Users.Select(u => u.ExternalId));
    }

    [Fact]
    public async Task The_per_user_pacer_never_lets_more_than_the_limit_of_one_users_updates_into_a_window()
    {
        var window = TimeSpan.FromMilliseconds(300);
        var pacer = new ClerkUserUpdatePacer(limit: 2, window);
        var sent = new List<long>();
        for (int i = 0; i < 6; i++)
        {
            ClerkUserUpdatePacer.Reservation place = await pacer.ReserveAsync("user_a", CancellationToken.None);
            place.Sent();
            sent.Add(Stopwatch.GetTimestamp());

            // Another user is never held back by this one.
            (await pacer.ReserveAsync("user_b" + i, CancellationToken.None)).Cancel();
        }

        long windowTicks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        for (int i = 2; i < sent.Count; i++)
        {
            Assert.True(sent[i] - sent[i - 2] >= windowTicks, $"updates {i - 2} and {i} of one user went {(sent[i] - sent[i - 2]) * 1000.0 / Stopwatch.Frequency:0} ms apart");
        }

        Assert.Equal(1, pacer.TrackedUsers);
    }
}
