using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Net;
using CognitoClerk.Engine.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit;
using Xunit.Abstractions;
using static CognitoClerk.Engine.Tests.Migration.RunnerDriver;

namespace CognitoClerk.Engine.Tests.Hostile;

/// <summary>
/// The Clerk client and the runner against servers written to misbehave (issue 9): what each answer could make
/// the module claim, wait, buffer or leak, and the figure that shows it does not.
/// </summary>
public sealed class HostileClerkTests(ITestOutputHelper output)
{
    // Written in two parts so secret scanners do not flag a made-up key.
    private static readonly string Key = "sk_" + "test_HOSTILE" + Guid.NewGuid().ToString("N");

    private static ClerkConnectionSettings Settings(string url, Action<ClerkConnectionSettings>? configure = null)
    {
        var settings = new ClerkConnectionSettings(new ClerkSecretKey(Key), url)
        {
            RequestsPer10Seconds = ClerkTestSettings.Unpaced,
            MaxRetryAttempts = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
            RetryMaxDelay = TimeSpan.FromMilliseconds(20),
            Timeout = TimeSpan.FromSeconds(20),
        };
        configure?.Invoke(settings);
        return settings;
    }

    /// <summary>A Clerk stand-in: GET /v1/instance answers, lookups come from <paramref name="held"/>, creates as <paramref name="create"/> says.</summary>
    private static Task<HostileHttpServer> ClerkLikeAsync(List<string> held, Func<HttpContext, HostileRequest, HostileHttpServer, Task> create)
    {
        return HostileHttpServer.StartAsync(async (server, context, request) =>
        {
            if (request.Path == "/v1/instance")
            {
                await server.WriteAsync(context, 200, "{\"object\":\"instance\",\"id\":\"ins_hostile\",\"environment_type\":\"production\"}");
            }
            else if (request.Method == "GET" && request.Path == "/v1/users")
            {
                string query = Uri.UnescapeDataString(request.Query);
                List<object> users;
                lock (held)
                {
                    users = held.Where(id => query.Contains("external_id=+" + id + "&", StringComparison.Ordinal))
                        .Select(id => (object)new { id = "user_" + id, external_id = id }).ToList();
                }

                await server.WriteAsync(context, 200, JsonSerializer.Serialize(users));
            }
            else
            {
                await create(context, request, server);
            }
        });
    }

    [Fact]
    public async Task A_success_without_a_user_id_is_looked_up_and_Failed_when_Clerk_holds_nobody()
    {
        var held = new List<string>();
        await using HostileHttpServer gateway = await ClerkLikeAsync(held, (context, _, server) => server.WriteAsync(context, 200, "{}"));
        using var api = ClerkBackendApi.Create(Settings(gateway.BaseUrl));
        using var runner = new MigrationRunner(api);

        List<MigrationOutcome> outcomes = RunAll(runner, Users(5));

        Assert.All(outcomes, o =>
        {
            Assert.Equal(MigrationStatus.Failed, o.Status);
            Assert.Equal(MigrationErrorIds.ResponseUnreadable, o.ErrorId);
            Assert.Null(o.ClerkUserId);
        });
        int creates = gateway.Requests.Count(r => r.Method == "POST");
        output.WriteLine($"200 {{}} to every create: {outcomes.Count(o => o.Status == MigrationStatus.Created)} claimed Created, 0 held; {creates} creates, {gateway.Requests.Count(r => r.Method == "GET" && r.Path == "/v1/users")} lookups.");
        Assert.Equal(5, creates);
    }

    [Fact]
    public async Task A_success_without_a_user_id_is_AlreadyMigrated_when_Clerk_did_store_the_user()
    {
        var held = new List<string>();
        await using HostileHttpServer gateway = await ClerkLikeAsync(held, (context, request, server) =>
        {
            // Stores the user, then loses the answer's body on the way back.
            lock (held)
            {
                held.Add(JsonDocument.Parse(request.Body).RootElement.GetProperty("external_id").GetString()!);
            }

            return server.WriteAsync(context, 200, "{\"object\":\"user\"}");
        });
        using var api = ClerkBackendApi.Create(Settings(gateway.BaseUrl));
        using var runner = new MigrationRunner(api);

        List<MigrationOutcome> outcomes = RunAll(runner, Users(3));

        Assert.All(outcomes, o => Assert.Equal(MigrationStatus.AlreadyMigrated, o.Status));
        Assert.All(outcomes, o => Assert.Equal("user_" + o.Item.ExternalId, o.ClerkUserId));
    }

    [Fact]
    public async Task A_success_naming_another_user_is_not_taken_as_this_one()
    {
        await using HostileHttpServer gateway = await ClerkLikeAsync(new List<string>(), (context, _, server) =>
            server.WriteAsync(context, 200, "{\"id\":\"user_someone_else\",\"external_id\":\"sub-999999\"}"));
        using var api = ClerkBackendApi.Create(Settings(gateway.BaseUrl));
        using var runner = new MigrationRunner(api);

        MigrationOutcome outcome = Assert.Single(RunAll(runner, Users(1)));

        Assert.Equal(MigrationStatus.Failed, outcome.Status);
        Assert.Equal(MigrationErrorIds.ResponseUnreadable, outcome.ErrorId);
        Assert.NotEqual("user_someone_else", outcome.ClerkUserId);
    }

    [Fact]
    public async Task A_huge_answer_is_not_buffered_beyond_the_bound()
    {
        const long hugeBytes = 300L * 1024 * 1024;
        await using HostileHttpServer server = await ClerkLikeAsync(new List<string>(), (context, _, s) => s.StreamAsync(context, 200, hugeBytes));
        var counting = new CountingHandler(SafeHttpHandler.Create(new Uri(server.BaseUrl)));
        using var api = ClerkBackendApi.Create(Settings(server.BaseUrl), counting, disposeHandler: true);
        long memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.CreateUserAsync(ClerkTestSettings.User("sub-huge"), CancellationToken.None));

        long memoryAfter = GC.GetTotalMemory(forceFullCollection: false);
        Assert.Equal(ClerkBackendApi.ResponseTooLarge, error.Code);
        Assert.Contains("1 MiB", error.Message);
        output.WriteLine($"300 MB create answer: client read {counting.BodyBytesRead:N0} bytes of it (bound {ClerkBackendApi.MaxResponseBytes:N0}); managed heap grew {(memoryAfter - memoryBefore) / 1024:N0} KB.");
        Assert.InRange(counting.BodyBytesRead, ClerkBackendApi.MaxResponseBytes, ClerkBackendApi.MaxResponseBytes + (64 * 1024));
    }

    [Fact]
    public async Task A_declared_huge_answer_is_not_read_at_all()
    {
        await using HostileHttpServer server = await ClerkLikeAsync(new List<string>(), (context, _, s) => s.StreamAsync(context, 200, 300L * 1024 * 1024, declareLength: true));
        var counting = new CountingHandler(SafeHttpHandler.Create(new Uri(server.BaseUrl)));
        using var api = ClerkBackendApi.Create(Settings(server.BaseUrl), counting, disposeHandler: true);

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.CreateUserAsync(ClerkTestSettings.User("sub-huge"), CancellationToken.None));

        Assert.Equal(ClerkBackendApi.ResponseTooLarge, error.Code);
        Assert.Contains("314572800", error.Message);
        Assert.Equal(0, counting.BodyBytesRead);
    }

    [Fact]
    public async Task An_oversized_create_answer_is_an_uncertain_outcome_settled_by_the_lookup()
    {
        await using HostileHttpServer server = await ClerkLikeAsync(new List<string>(), (context, _, s) => s.StreamAsync(context, 200, 4L * 1024 * 1024));
        using var api = ClerkBackendApi.Create(Settings(server.BaseUrl));
        using var runner = new MigrationRunner(api);

        MigrationOutcome outcome = Assert.Single(RunAll(runner, Users(1)));

        Assert.Equal(MigrationStatus.Failed, outcome.Status);
        Assert.Equal(MigrationErrorIds.ResponseUnreadable, outcome.ErrorId);
    }

    [Fact]
    public async Task A_proxy_that_echoes_the_authorization_header_leaks_no_part_of_the_key()
    {
        // The key starts at character 192 of the body, so cutting the body to 200 characters before redacting (as
        // the module did) left "sk_test_" and the first characters of the key in the message.
        string padding = new string('x', 170 - "<html><body>".Length);
        await using HostileHttpServer proxy = await HostileHttpServer.StartAsync(async (_, context, request) =>
        {
            string html = "<html><body>" + padding + "Authorization: " + request.Header("Authorization") + "</body></html>";
            context.Response.StatusCode = 502;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(html);
        });
        using var api = ClerkBackendApi.Create(Settings(proxy.BaseUrl, s => s.MaxRetryAttempts = 0));

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.GetInstanceAsync(CancellationToken.None));

        string secretPart = Key.Substring("sk_test_".Length);
        string text = string.Join("\n", error.Message, error.ServiceMessage, error.LongMessage, error.TraceId);
        output.WriteLine("Error text: " + error.Message);
        Assert.Contains("Authorization: Bearer", error.Message);
        Assert.DoesNotContain("sk_test_", text);
        for (int i = 0; i + 5 <= secretPart.Length; i++)
        {
            Assert.DoesNotContain(secretPart.Substring(i, 5), text);
        }
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_the_key_stays_here()
    {
        await using HostileHttpServer elsewhere = await HostileHttpServer.StartAsync((_, _, _) => Task.CompletedTask);
        await using HostileHttpServer redirecting = await HostileHttpServer.RedirectingToAsync(elsewhere.BaseUrl + "/v1/instance");
        using var api = ClerkBackendApi.Create(Settings(redirecting.BaseUrl));

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.GetInstanceAsync(CancellationToken.None));

        Assert.Equal("redirect_not_followed", error.Code);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task Retry_After_is_capped_every_wait_is_told_and_a_request_gives_up_within_its_budget()
    {
        await using HostileHttpServer server = await ClerkLikeAsync(new List<string>(), (context, _, s) =>
        {
            context.Response.Headers.RetryAfter = "3600";
            return s.WriteAsync(context, 429, "{\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"slow down\"}]}");
        });
        var waits = new List<ClerkWaitEvent>();
        using var api = ClerkBackendApi.Create(Settings(server.BaseUrl, s =>
        {
            // The production values are 60 s and 5 minutes; scaled down so the test takes seconds.
            s.MaxRetryAfter = TimeSpan.FromMilliseconds(400);
            s.MaxWaitPerRequest = TimeSpan.FromSeconds(1.5);
            s.OnWait = w =>
            {
                lock (waits)
                {
                    waits.Add(w);
                }
            };
        }));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.CreateUserAsync(ClerkTestSettings.User("sub-wait"), CancellationToken.None));

        clock.Stop();
        Assert.Equal(429, error.StatusCode);
        Assert.NotEmpty(waits);
        Assert.All(waits, w =>
        {
            Assert.Equal(TimeSpan.FromMilliseconds(400), w.Wait);
            Assert.Equal(TimeSpan.FromSeconds(3600), w.Requested);
            Assert.True(w.WasCapped);
            Assert.Contains("3600 s", w.ToString());
        });
        int posts = server.Requests.Count(r => r.Method == "POST");
        output.WriteLine($"Retry-After: 3600 on every answer: {posts} creates, {waits.Count} waits of 0.4 s told, gave up after {clock.Elapsed.TotalSeconds:0.0} s (budget 1.5 s).");
        Assert.InRange(posts, 3, 5);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.2), TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("3600", 60)]
    [InlineData("99999999999", 60)]
    [InlineData("7", 7)]
    public void A_Retry_After_of_any_size_waits_at_most_the_cap(string header, int expectedSeconds)
    {
        TimeSpan requested = ClerkRetryAfter.Parse(header, DateTimeOffset.UtcNow);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), ClerkRetryAfter.Capped(requested, ClerkRetryAfter.Maximum));
    }

    [Fact]
    public void A_pause_of_any_length_neither_overflows_nor_vanishes()
    {
        using var limiter = new ClerkRateLimiter(100);

        limiter.Pause(TimeSpan.MaxValue);

        // Before the cap, a 3,000-year pause wrapped the timestamp around to "no wait at all".
        Assert.InRange(limiter.PauseRemaining, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
    }

    [Fact]
    public void A_publishable_key_is_refused_before_anything_is_sent()
    {
        var error = Assert.Throws<ClerkSecretKeyException>(() => new ClerkSecretKey("pk_" + "test_Y2xlcmsuZXhhbXBsZS5jb20k"));

        Assert.Contains("publishable", error.Message);
        Assert.DoesNotContain("Y2xlcmsu", error.Message);
    }
}
