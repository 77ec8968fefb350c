using System.Text.Json;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Emulators;

/// <summary>The emulator's other endpoints, its rate limit and its fault injection, over raw HTTP.</summary>
public sealed class ClerkEmulatorBehaviourTests
{
    [Fact]
    public async Task Lists_counts_gets_and_deletes_users()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(200, (await raw.PostAsync("users", $$"""{"external_id":"e{{i}}","email_address":["u{{i}}@example.com"],"created_at":"2020-01-0{{i + 1}}T00:00:00Z"}""")).Status);
        }

        RawAnswer page = await raw.GetAsync("users?limit=2&offset=1");
        Assert.Equal(new[] { "e3", "e2" }, page.Body.EnumerateArray().Select(u => u.GetProperty("external_id").GetString()));
        RawAnswer oldestFirst = await raw.GetAsync("users?order_by=%2Bcreated_at&limit=1");
        Assert.Equal("e0", oldestFirst.Body[0].GetProperty("external_id").GetString());

        RawAnswer byEmail = await raw.GetAsync("users?email_address=U1%40EXAMPLE.com&email_address=u2%40example.com");
        Assert.Equal(2, byEmail.Body.GetArrayLength());
        RawAnswer excluded = await raw.GetAsync("users?external_id=-e0&external_id=-e1");
        Assert.Equal(3, excluded.Body.GetArrayLength());
        RawAnswer count = await raw.GetAsync("users/count?external_id=%2Be4&external_id=e3");
        Assert.Equal(2, count.Body.GetProperty("total_count").GetInt32());
        Assert.Equal("total_count", count.Body.GetProperty("object").GetString());

        string id = page.Body[0].GetProperty("id").GetString()!;
        Assert.Equal("e3", (await raw.GetAsync("users/" + id)).Body.GetProperty("external_id").GetString());
        RawAnswer deleted = await raw.SendAsync(HttpMethod.Delete, "users/" + id, null);
        Assert.True(deleted.Body.GetProperty("deleted").GetBoolean());
        Assert.Equal((404, "resource_not_found"), ((await raw.GetAsync("users/" + id)).Status, (await raw.GetAsync("users/" + id)).Code));
        Assert.Equal(4, emulator.Users.Count);

        // The identifiers of a deleted user are free again.
        Assert.Equal(200, (await raw.PostAsync("users", """{"external_id":"e3","email_address":["u3@example.com"]}""")).Status);
    }

    [Fact]
    public async Task Metadata_over_8_KB_public_private_and_unsafe_together_is_refused_and_8_KB_is_kept()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);

        // Each object is {"k":"<n letters>"}: 8 bytes of JSON around the value, 24 for the three.
        static string Body(int a, int b, int c) =>
            "{\"public_metadata\":{\"k\":\"" + new string('a', a) + "\"},\"private_metadata\":{\"k\":\"" + new string('b', b) +
            "\"},\"unsafe_metadata\":{\"k\":\"" + new string('c', c) + "\"}}";

        RawAnswer atLimit = await raw.PostAsync("users", Body(2700, 2700, 8192 - 5400 - 24));
        RawAnswer over = await raw.PostAsync("users", Body(2700, 2700, 8192 - 5400 - 23));

        Assert.Equal(200, atLimit.Status);
        Assert.Equal((422, "form_param_value_invalid"), (over.Status, over.Code));
        Assert.Single(emulator.Users);
    }

    [Fact]
    public async Task The_user_id_filter_finds_users_by_id_with_Clerks_include_prefix()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string first = (await raw.PostAsync("users", """{"external_id":"a"}""")).Body.GetProperty("id").GetString()!;
        await raw.PostAsync("users", """{"external_id":"b"}""");
        string third = (await raw.PostAsync("users", """{"external_id":"c"}""")).Body.GetProperty("id").GetString()!;

        RawAnswer found = await raw.GetAsync($"users?user_id=%2B{first}&user_id=%2B{third}&user_id=%2Buser_missing&limit=500");

        Assert.Equal(new[] { "a", "c" }, found.Body.EnumerateArray().Select(u => u.GetProperty("external_id").GetString()).OrderBy(x => x));
    }

    [Fact]
    public async Task Patch_changes_external_id_keeps_it_unique_and_refuses_fields_it_does_not_keep()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string id = (await raw.PostAsync("users", """{"external_id":"a","first_name":"Ann"}""")).Body.GetProperty("id").GetString()!;
        await raw.PostAsync("users", """{"external_id":"taken"}""");

        RawAnswer changed = await raw.SendAsync(HttpMethod.Patch, "users/" + id, """{"external_id":"b","last_name":"Lee"}""");
        RawAnswer duplicate = await raw.SendAsync(HttpMethod.Patch, "users/" + id, """{"external_id":"taken"}""");
        RawAnswer unknown = await raw.SendAsync(HttpMethod.Patch, "users/" + id, """{"no_such_field":1}""");
        RawAnswer notKept = await raw.SendAsync(HttpMethod.Patch, "users/" + id, """{"username":"ann"}""");

        Assert.Equal(200, changed.Status);
        Assert.Equal(("b", "Ann", "Lee"), (changed.Body.GetProperty("external_id").GetString(), changed.Body.GetProperty("first_name").GetString(), changed.Body.GetProperty("last_name").GetString()));
        Assert.Equal((422, "form_identifier_exists"), (duplicate.Status, duplicate.Code));
        Assert.Equal((422, "form_param_unknown"), (unknown.Status, unknown.Code));
        Assert.Equal(422, notKept.Status);
        Assert.Equal(1, (await raw.GetAsync("users?external_id=b")).Body.GetArrayLength());
        Assert.Equal(0, (await raw.GetAsync("users?external_id=a")).Body.GetArrayLength());
    }

    [Fact]
    public async Task The_simulated_sign_in_holds_its_body_to_verify_passwords_schema_and_records_the_time()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string id = (await raw.PostAsync("users", """{"external_id":"a","password":"a-long-password-1"}""")).Body.GetProperty("id").GetString()!;

        RawAnswer unknownField = await raw.PostAsync($"users/{id}/sign_in", """{"password":"x","remember":true}""");
        RawAnswer noPassword = await raw.PostAsync($"users/{id}/sign_in", "{}");
        RawAnswer noUser = await raw.PostAsync("users/user_missing/sign_in", """{"password":"a-long-password-1"}""");
        RawAnswer wrong = await raw.PostAsync($"users/{id}/sign_in", """{"password":"not-it-at-all"}""");
        Assert.Equal(0, emulator.Stats.SignIns);
        RawAnswer ok = await raw.PostAsync($"users/{id}/sign_in", """{"password":"a-long-password-1"}""");

        Assert.Equal((422, "form_param_unknown"), (unknownField.Status, unknownField.Code));
        Assert.Equal(422, noPassword.Status);
        Assert.Equal((404, "resource_not_found"), (noUser.Status, noUser.Code));
        Assert.Equal((422, "incorrect_password"), (wrong.Status, wrong.Code));
        Assert.Equal(200, ok.Status);
        Assert.Equal(JsonValueKind.Number, ok.Body.GetProperty("last_sign_in_at").ValueKind);
        Assert.Equal(ok.Body.GetProperty("last_sign_in_at").GetInt64(), ok.Body.GetProperty("last_active_at").GetInt64());
        Assert.Equal(1, emulator.Stats.SignIns);
        Assert.NotNull(Assert.Single(emulator.Users).LastSignInAt);
    }

    [Fact]
    public async Task An_unencoded_plus_is_not_an_include()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        await raw.PostAsync("users", """{"external_id":"abc"}""");

        Assert.Equal(0, (await raw.GetAsync("users?external_id=+abc")).Body.GetArrayLength());
        Assert.Equal(1, (await raw.GetAsync("users?external_id=%2Babc")).Body.GetArrayLength());
    }

    [Theory]
    [InlineData("users?limit=501")]
    [InlineData("users?limit=0")]
    [InlineData("users?offset=-1")]
    public async Task Refuses_limits_outside_the_spec(string query)
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);

        RawAnswer answer = await raw.GetAsync(query);

        Assert.Contains(answer.Status, new[] { 400, 422 });
    }

    [Fact]
    public async Task Verify_password_body_is_checked_against_the_spec()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string id = (await raw.PostAsync("users", """{"password":"correct horse battery"}""")).Body.GetProperty("id").GetString()!;

        RawAnswer unknown = await raw.PostAsync($"users/{id}/verify_password", """{"password":"x","otp":"1"}""");
        RawAnswer missing = await raw.PostAsync($"users/{id}/verify_password", "{}");
        RawAnswer right = await raw.PostAsync($"users/{id}/verify_password", """{"password":"correct horse battery"}""");
        RawAnswer wrong = await raw.PostAsync($"users/{id}/verify_password", """{"password":"incorrect"}""");

        Assert.Equal(("form_param_unknown", "otp"), (unknown.Code, unknown.ParamName));
        Assert.Equal(("form_param_missing", "password"), (missing.Code, missing.ParamName));
        Assert.True(right.Body.GetProperty("verified").GetBoolean());
        Assert.Equal((422, "incorrect_password"), (wrong.Status, wrong.Code));
    }

    [Fact]
    public async Task Answers_429_with_retry_after_above_its_rate_on_every_endpoint()
    {
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { RequestsPer10Seconds = 3 });
        using var raw = new RawClerkHttp(emulator);

        var answers = new List<RawAnswer>
        {
            await raw.GetAsync("instance"),
            await raw.GetAsync("users"),
            await raw.PostAsync("users", "{}"),
            await raw.GetAsync("users/count"),
            await raw.GetAsync("instance", key: "sk_test_wrong"),
        };

        Assert.Equal(new[] { 200, 200, 200, 429, 429 }, answers.Select(a => a.Status));
        Assert.All(answers.Skip(3), a => Assert.Equal("too_many_requests", a.Code));
        Assert.All(answers.Skip(3), a => Assert.InRange(int.Parse(a.RetryAfter!), 1, 10));
        Assert.Equal(2, emulator.Stats.RateLimited);
        Assert.Equal(5, emulator.Stats.MaxRequestsInAnyWindow);
    }

    [Fact]
    public async Task Reports_the_instance_it_was_configured_as()
    {
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { EnvironmentType = "production" });
        using var raw = new RawClerkHttp(emulator);

        RawAnswer instance = await raw.GetAsync("instance");

        Assert.Equal("production", instance.Body.GetProperty("environment_type").GetString());
        Assert.Equal("instance", instance.Body.GetProperty("object").GetString());
    }

    [Fact]
    public async Task Refuses_an_unknown_api_version()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, emulator.BaseUrl + "/v1/instance");
        request.Headers.Authorization = new("Bearer", emulator.Options.SecretKey);
        request.Headers.Add("Clerk-API-Version", "2099-01-01");

        using HttpResponseMessage response = await http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("api_version_invalid", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Faults_are_the_same_for_the_same_seed_and_differ_for_another()
    {
        var first = await DrawFaultsAsync(seed: 42);
        var again = await DrawFaultsAsync(seed: 42);
        var other = await DrawFaultsAsync(seed: 7);

        Assert.Equal(first.Kinds, again.Kinds);
        Assert.Equal(first.Counts, again.Counts);
        Assert.NotEqual(first.Kinds, other.Kinds);

        // Roughly the configured fraction, each enabled kind represented, the disabled one never.
        long injected = first.Counts.Values.Sum();
        Assert.InRange(injected, 40, 80);
        Assert.All(first.Counts.Where(c => c.Key != ClerkFaultKind.Timeout), c => Assert.True(c.Value > 0, $"{c.Key} never drawn"));
        Assert.Equal(0, first.Counts[ClerkFaultKind.Timeout]);
    }

    [Fact]
    public async Task After_store_faults_store_the_user_and_then_fail()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        emulator.EnqueueFault(ClerkFaultKind.StoredThenInternalServerError);
        emulator.EnqueueFault(ClerkFaultKind.StoredThenDroppedConnection);

        // A GET does not consume an after-store fault; the next creates do.
        Assert.Equal(200, (await raw.GetAsync("instance")).Status);
        RawAnswer failed = await raw.PostAsync("users", """{"external_id":"stored-1"}""");
        await Assert.ThrowsAsync<HttpRequestException>(() => raw.PostAsync("users", """{"external_id":"stored-2"}"""));

        Assert.Equal((500, "internal_clerk_error"), (failed.Status, failed.Code));
        Assert.Equal(new[] { "stored-1", "stored-2" }, emulator.Users.Select(u => u.ExternalId));
        Assert.Equal(1, emulator.Stats.Injected(ClerkFaultKind.StoredThenInternalServerError));
        Assert.Equal(1, emulator.Stats.Injected(ClerkFaultKind.StoredThenDroppedConnection));
    }

    private static async Task<(List<ClerkFaultKind> Kinds, IReadOnlyDictionary<ClerkFaultKind, long> Counts)> DrawFaultsAsync(int seed)
    {
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions
        {
            FaultRate = 0.3,
            FaultSeed = seed,
            FaultKinds = ClerkFaultKind.All & ~ClerkFaultKind.Timeout,
        });
        using var raw = new RawClerkHttp(emulator);
        for (int i = 0; i < 200; i++)
        {
            try
            {
                // Alternating reads and creates, one at a time, so the arrival order is fixed.
                _ = i % 2 == 0 ? await raw.GetAsync("instance") : await raw.PostAsync("users", $$"""{"external_id":"f{{i}}"}""");
            }
            catch (HttpRequestException)
            {
                // A dropped connection.
            }
        }

        return (emulator.Requests.Select(r => r.Fault).ToList(), emulator.Stats.InjectedFaults);
    }
}
