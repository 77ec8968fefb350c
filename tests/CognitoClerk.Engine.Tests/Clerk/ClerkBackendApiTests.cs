using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

/// <summary>The client against the Clerk emulator: calls, answers and errors as they travel over HTTP.</summary>
public sealed class ClerkBackendApiTests
{
    [Fact]
    public async Task Creates_a_user_and_reads_back_what_clerk_stored()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);

        ClerkUser user = await api.CreateUserAsync(new ClerkCreateUserRequest
        {
            ExternalId = "sub-1",
            FirstName = "Zoë",
            LastName = "Ångström",
            EmailAddress = new List<string> { "zoe@example.com" },
            EmailAddressIdentificationStatus = new List<string> { "reserved" },
            PhoneNumber = new List<string> { "+14155550100" },
            PasswordHasher = ClerkCreateUserRequest.AwsCognitoHasher,
            PasswordDigest = "awscognito#us-east-1_AbCdEf123#1example23456789#zoe",
            CreatedAt = "2021-03-04T05:06:07.890Z",
            PrivateMetadata = new Dictionary<string, object?> { ["cognito"] = new Dictionary<string, object?> { ["username"] = "zoe" } },
        }, CancellationToken.None);

        Assert.StartsWith("user_", user.Id);
        Assert.Equal("sub-1", user.ExternalId);
        Assert.Equal(new[] { "zoe@example.com" }, user.EmailAddresses);
        Assert.Equal(new[] { "+14155550100" }, user.PhoneNumbers);
        Assert.True(user.PasswordEnabled);

        ClerkEmulatorUser stored = Assert.Single(emulator.Users);
        Assert.Equal("Zoë", stored.FirstName);
        Assert.Equal("reserved", stored.EmailAddresses.Single().Status);
        Assert.Equal("awscognito", stored.PasswordHasher);
        Assert.Equal(new DateTimeOffset(2021, 3, 4, 5, 6, 7, 890, TimeSpan.Zero), stored.CreatedAt);
        Assert.Equal("zoe", JsonDocument.Parse(stored.PrivateMetadataJson!).RootElement.GetProperty("cognito").GetProperty("username").GetString());

        // Unset fields are left out, never sent as null: an instance refuses fields it has not enabled.
        using JsonDocument sent = JsonDocument.Parse(stored.CreateRequestJson);
        Assert.DoesNotContain(sent.RootElement.EnumerateObject(), p => p.Value.ValueKind == JsonValueKind.Null);
        Assert.DoesNotContain(sent.RootElement.EnumerateObject(), p => p.Name == "username");
    }

    [Fact]
    public async Task Sends_the_api_version_and_names_itself()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);

        await api.GetInstanceAsync(CancellationToken.None);

        ClerkEmulatorRequest request = Assert.Single(emulator.Requests);
        Assert.Equal("2026-05-12", request.ApiVersion);
        Assert.StartsWith("CognitoClerk/", request.UserAgent);
    }

    [Fact]
    public async Task Every_field_the_request_type_can_send_is_in_the_spec_and_accepted()
    {
        OpenApiSchema createUser = ClerkOpenApiSpec.Load().RequestBody("/users", "post");
        List<string> declared = typeof(ClerkCreateUserRequest).GetProperties()
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .OfType<string>()
            .ToList();
        Assert.NotEmpty(declared);
        Assert.All(declared, name => Assert.True(createUser.Properties.ContainsKey(name), $"{name} is not a CreateUser field in the spec"));

        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { UsernamesEnabled = true });
        using var api = ClerkTestSettings.Client(emulator);
        await api.CreateUserAsync(new ClerkCreateUserRequest
        {
            ExternalId = "every-field",
            FirstName = "Every",
            LastName = "Field",
            EmailAddress = new List<string> { "every@example.com", "field@example.com" },
            EmailAddressIdentificationStatus = new List<string> { "verified", "reserved" },
            PhoneNumber = new List<string> { "+442071838750" },
            PhoneNumberIdentificationStatus = new List<string> { "verified" },
            Username = "everyfield",
            PasswordHasher = "awscognito",
            PasswordDigest = "awscognito#eu-west-1_Pool42#clientid42#everyfield",
            CreatedAt = "2020-01-02T03:04:05Z",
            PublicMetadata = new Dictionary<string, object?> { ["cognito_groups"] = new[] { "admins" } },
            PrivateMetadata = new Dictionary<string, object?> { ["k"] = "v" },
            UnsafeMetadata = new Dictionary<string, object?> { ["u"] = "v" },
            Banned = true,
        }, CancellationToken.None);

        using JsonDocument sent = JsonDocument.Parse(Assert.Single(emulator.Users).CreateRequestJson);
        Assert.Equal(declared.OrderBy(n => n), sent.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
    }

    [Fact]
    public async Task A_wrong_key_is_an_authentication_failure_and_is_not_retried()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkBackendApi.Create(new ClerkConnectionSettings(new ClerkSecretKey("sk_test_wrong"), emulator.BaseUrl)
        {
            RequestsPer10Seconds = ClerkTestSettings.Unpaced,
        });

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.CreateUserAsync(ClerkTestSettings.User("a"), CancellationToken.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal("authentication_invalid", error.Code);
        Assert.True(error.IsAuthenticationFailure);
        Assert.Matches("^[0-9a-f]{32}$", error.TraceId!);
        Assert.Contains(error.TraceId!, error.Message);
        Assert.Equal(1, emulator.Stats.Requests);
        Assert.Equal(1, error.Attempts);
    }

    [Theory]
    [InlineData("email_address")]
    [InlineData("phone_number")]
    [InlineData("external_id")]
    public async Task A_duplicate_is_422_form_identifier_exists_naming_the_field_and_is_not_retried(string field)
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);
        await api.CreateUserAsync(ClerkTestSettings.User("ext-1", "taken@example.com", "+14155550101"), CancellationToken.None);
        ClerkCreateUserRequest second = field switch
        {
            "email_address" => ClerkTestSettings.User("ext-2", "TAKEN@example.com"),
            "phone_number" => ClerkTestSettings.User("ext-2", "other@example.com", "+14155550101"),
            _ => ClerkTestSettings.User("ext-1", "other@example.com"),
        };
        emulator.ResetStats();

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.CreateUserAsync(second, CancellationToken.None));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal("form_identifier_exists", error.Code);
        Assert.Equal(field, error.ParamName);
        Assert.False(error.PriorAttemptMayHaveBeenApplied);
        Assert.Equal(1, emulator.Stats.Requests);
        Assert.Single(emulator.Users);
    }

    [Fact]
    public async Task Discovers_the_pace_from_the_instance_once_for_every_client_of_that_instance()
    {
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { EnvironmentType = "production" });
        using var first = ClerkTestSettings.Client(emulator, requestsPer10Seconds: null);
        using var second = ClerkTestSettings.Client(emulator, requestsPer10Seconds: null);
        Assert.Equal(ClerkRateSource.Unresolved, first.PacingStatistics.RateSource);

        await Task.WhenAll(
            first.CreateUserAsync(ClerkTestSettings.User("a"), CancellationToken.None),
            second.CreateUserAsync(ClerkTestSettings.User("b"), CancellationToken.None),
            second.FindUsersByExternalIdAsync(new[] { "a" }, CancellationToken.None));

        Assert.Equal(1000, first.PacingStatistics.RequestsPer10Seconds);
        Assert.Equal(ClerkRateSource.Instance, second.PacingStatistics.RateSource);
        Assert.Single(emulator.Requests, r => r.Path == "/v1/instance");
        Assert.Equal("/v1/instance", emulator.Requests[0].Path);
    }

    [Fact]
    public async Task A_development_instance_is_paced_at_100()
    {
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { EnvironmentType = "development" });
        using var api = ClerkTestSettings.Client(emulator, requestsPer10Seconds: null);

        Assert.Equal(100, await api.GetRequestsPer10SecondsAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_explicit_pace_wins_over_the_instance()
    {
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { EnvironmentType = "production" });
        using var api = ClerkTestSettings.Client(emulator, requestsPer10Seconds: 250);

        ClerkInstanceInfo instance = await api.GetInstanceAsync(CancellationToken.None);

        Assert.True(instance.IsProduction);
        Assert.Equal(250, api.PacingStatistics.RequestsPer10Seconds);
        Assert.Equal(ClerkRateSource.Override, api.PacingStatistics.RateSource);
    }

    [Fact]
    public async Task Finds_users_by_external_id_in_batches_of_at_most_100()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);
        var ids = Enumerable.Range(0, 230).Select(i => $"sub-{i:D4}").ToList();
        foreach (string id in ids)
        {
            await api.CreateUserAsync(ClerkTestSettings.User(id), CancellationToken.None);
        }

        emulator.ResetStats();
        IReadOnlyList<ClerkUser> found = await api.FindUsersByExternalIdAsync(ids.Concat(new[] { "missing-1", "missing-2" }).ToList(), CancellationToken.None);

        Assert.Equal(ids.OrderBy(i => i), found.Select(u => u.ExternalId).OrderBy(i => i));
        List<ClerkEmulatorRequest> lookups = emulator.Requests.Where(r => r.Path == "/v1/users").ToList();
        Assert.Equal(3, lookups.Count);
        Assert.All(lookups, r => Assert.InRange(r.Query.Split("external_id=").Length - 1, 1, 100));
        Assert.All(lookups, r => Assert.Contains("limit=500", r.Query));
    }

    [Fact]
    public async Task External_ids_that_begin_with_plus_or_minus_or_hold_url_characters_are_found_exactly()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);
        string[] ids = { "abc", "-abc", "+abc", "a&b=c", "100%", "x y", "ümlaut/ø", "#hash" };
        foreach (string id in ids)
        {
            await api.CreateUserAsync(ClerkTestSettings.User(id), CancellationToken.None);
        }

        foreach (string id in ids)
        {
            IReadOnlyList<ClerkUser> found = await api.FindUsersByExternalIdAsync(new[] { id }, CancellationToken.None);
            Assert.Equal(id, Assert.Single(found).ExternalId);
        }

        IReadOnlyList<ClerkUser> all = await api.FindUsersByExternalIdAsync(ids, CancellationToken.None);
        Assert.Equal(ids.OrderBy(i => i), all.Select(u => u.ExternalId).OrderBy(i => i));
    }

    [Fact]
    public async Task Finds_users_by_email_or_phone()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);
        await api.CreateUserAsync(ClerkTestSettings.User("e", "first+tag@example.com"), CancellationToken.None);
        await api.CreateUserAsync(ClerkTestSettings.User("p", phone: "+14155550199"), CancellationToken.None);
        await api.CreateUserAsync(ClerkTestSettings.User("both", "both@example.com", "+14155550198"), CancellationToken.None);
        await api.CreateUserAsync(ClerkTestSettings.User("other", "other@example.com"), CancellationToken.None);

        IReadOnlyList<ClerkUser> found = await api.FindUsersByIdentifierAsync(
            new[] { "FIRST+tag@example.com", "both@example.com", "nobody@example.com" },
            new[] { "+14155550199", "+14155550198" },
            CancellationToken.None);

        Assert.Equal(new[] { "both", "e", "p" }, found.Select(u => u.ExternalId).OrderBy(i => i));
    }

    [Fact]
    public async Task Verifies_a_password_the_instance_holds()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        RawAnswer created = await raw.PostAsync("users", """{"external_id":"pw","password":"correct horse battery"}""");
        Assert.Equal(200, created.Status);
        string id = created.Body.GetProperty("id").GetString()!;
        using var api = ClerkTestSettings.Client(emulator);

        Assert.True(await api.VerifyPasswordAsync(id, "correct horse battery", CancellationToken.None));
        Assert.False(await api.VerifyPasswordAsync(id, "wrong horse battery", CancellationToken.None));
        var missing = await Assert.ThrowsAsync<ClerkApiException>(() => api.VerifyPasswordAsync("user_doesnotexist", "x", CancellationToken.None));
        Assert.Equal(404, missing.StatusCode);
    }

    [Fact]
    public async Task A_user_without_password_is_an_error_not_a_wrong_password()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);
        ClerkUser user = await api.CreateUserAsync(ClerkTestSettings.User("nopw", "nopw@example.com"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.VerifyPasswordAsync(user.Id, "anything", CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("no_password_set", error.Code);
    }

    [Fact]
    public async Task Users_are_found_by_id_with_when_they_last_signed_in_and_deleted_with_404_as_NotFound()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);
        ClerkUser ann = await api.CreateUserAsync(ClerkTestSettings.User("sub-ann", "ann@example.com"), CancellationToken.None);
        ClerkUser bob = await api.CreateUserAsync(ClerkTestSettings.User("sub-bob", "bob@example.com"), CancellationToken.None);
        using var probe = new ClerkSignInProbe(emulator.BaseUrl, emulator.Options.SecretKey);
        var request = ClerkTestSettings.User("sub-cy", "cy@example.com");
        request.Banned = true;
        ClerkUser cy = await api.CreateUserAsync(request, CancellationToken.None);

        IReadOnlyList<ClerkUser> found = await api.FindUsersByIdAsync(new[] { ann.Id, bob.Id, cy.Id, "user_missing", "-odd" }, CancellationToken.None);

        Assert.Equal(new[] { "sub-ann", "sub-bob", "sub-cy" }, found.Select(u => u.ExternalId).OrderBy(x => x));
        Assert.All(found, u => Assert.Null(u.LastSignInAt));
        Assert.True(found.Single(u => u.Id == cy.Id).Banned);
        Assert.Equal(ClerkDeleteResult.Deleted, await api.DeleteUserAsync(ann.Id, CancellationToken.None));
        Assert.Equal(ClerkDeleteResult.NotFound, await api.DeleteUserAsync(ann.Id, CancellationToken.None));
        Assert.Equal(new[] { bob.Id, cy.Id }.OrderBy(x => x), emulator.Users.Select(u => u.Id).OrderBy(x => x));
        Assert.Contains(emulator.Requests, r => r.Method == "GET" && r.Query.Contains("user_id=%2B" + bob.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_delete_retried_after_a_5xx_that_then_finds_nothing_reports_the_earlier_attempt_as_the_deletion()
    {
        var handler = new ScriptedHandler(500, 404);
        var settings = new ClerkConnectionSettings(new ClerkSecretKey("sk_" + "test_deleteretry0123456789"), "https://delete-retry-" + Guid.NewGuid().ToString("N") + ".example")
        {
            RequestsPer10Seconds = ClerkTestSettings.Unpaced,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
            RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        };
        using var api = ClerkBackendApi.Create(settings, handler);

        ClerkDeleteResult result = await api.DeleteUserAsync("user_1", CancellationToken.None);

        Assert.Equal(ClerkDeleteResult.DeletedByEarlierAttempt, result);
        Assert.Equal(new[] { "DELETE /v1/users/user_1", "DELETE /v1/users/user_1" }, handler.Seen);
    }

    /// <summary>Answers each request with the next status of a script, with Clerk's error body.</summary>
    private sealed class ScriptedHandler(params int[] statuses) : HttpMessageHandler
    {
        private int _next;

        public List<string> Seen { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request.Method + " " + request.RequestUri!.AbsolutePath);
            int status = statuses[Math.Min(_next++, statuses.Length - 1)];
            string code = status == 404 ? "resource_not_found" : "internal_clerk_error";
            return Task.FromResult(new HttpResponseMessage((System.Net.HttpStatusCode)status)
            {
                Content = new StringContent("{\"errors\":[{\"message\":\"m\",\"long_message\":\"m\",\"code\":\"" + code + "\"}]}", System.Text.Encoding.UTF8, "application/json"),
            });
        }
    }
}
