using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

/// <summary>Retries against injected faults: what is retried, what is not, and what a lost answer looks like.</summary>
public sealed class ClerkRetryTests
{
    [Theory]
    [InlineData(ClerkFaultKind.InternalServerError)]
    [InlineData(ClerkFaultKind.BadGateway)]
    [InlineData(ClerkFaultKind.ServiceUnavailable)]
    [InlineData(ClerkFaultKind.DroppedConnection)]
    public async Task A_transient_failure_before_the_write_is_retried_and_the_user_created_once(ClerkFaultKind fault)
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);
        emulator.EnqueueFault(fault);

        ClerkUser user = await api.CreateUserAsync(ClerkTestSettings.User("retried", "retried@example.com"), CancellationToken.None);

        Assert.Equal(user.Id, Assert.Single(emulator.Users).Id);
        Assert.Equal(2, emulator.Stats.Requests);
        Assert.Equal(1, emulator.Stats.Injected(fault));
        Assert.Equal(1, api.PacingStatistics.TransientRetries);
    }

    [Fact]
    public async Task A_timeout_is_retried()
    {
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { ClientTimeoutHint = TimeSpan.FromSeconds(1) });
        using var api = ClerkTestSettings.Client(emulator, configure: s => s.Timeout = TimeSpan.FromSeconds(1));
        emulator.EnqueueFault(ClerkFaultKind.Timeout);

        ClerkInstanceInfo instance = await api.GetInstanceAsync(CancellationToken.None);

        Assert.Equal("development", instance.EnvironmentType);
        Assert.Equal(1, emulator.Stats.Injected(ClerkFaultKind.Timeout));
        Assert.Equal(1, api.PacingStatistics.TransientRetries);
    }

    [Theory]
    [InlineData(ClerkFaultKind.StoredThenDroppedConnection)]
    [InlineData(ClerkFaultKind.StoredThenInternalServerError)]
    public async Task A_create_whose_answer_was_lost_surfaces_as_identifier_exists_flagged_as_possibly_ours(ClerkFaultKind fault)
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);
        emulator.EnqueueFault(fault);

        var error = await Assert.ThrowsAsync<ClerkApiException>(() =>
            api.CreateUserAsync(ClerkTestSettings.User("lost-answer", "lost@example.com"), CancellationToken.None));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal("form_identifier_exists", error.Code);
        Assert.True(error.PriorAttemptMayHaveBeenApplied);
        Assert.Equal(2, error.Attempts);
        Assert.Single(emulator.Users);

        // What the at-scale slice does with it: the user is there under our external_id.
        ClerkUser mine = Assert.Single(await api.FindUsersByExternalIdAsync(new[] { "lost-answer" }, CancellationToken.None));
        Assert.Equal(Assert.Single(emulator.Users).Id, mine.Id);
    }

    [Fact]
    public async Task A_server_error_on_every_attempt_is_reported_after_the_bounded_retries()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator, configure: s => s.MaxRetryAttempts = 2);
        emulator.EnqueueFault(ClerkFaultKind.BadGateway, 3);

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.GetInstanceAsync(CancellationToken.None));

        Assert.Equal(502, error.StatusCode);
        Assert.Null(error.Code);
        Assert.Contains("Bad Gateway", error.Message);
        Assert.Contains("cloudflare", error.Message);
        Assert.EndsWith("-EMU", error.TraceId);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(3, emulator.Stats.Requests);
    }

    [Fact]
    public async Task A_dropped_connection_on_every_attempt_is_a_connection_failure_that_may_have_been_applied()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator, configure: s => s.MaxRetryAttempts = 2);
        emulator.EnqueueFault(ClerkFaultKind.DroppedConnection, 3);

        var error = await Assert.ThrowsAsync<ClerkConnectionException>(() =>
            api.CreateUserAsync(ClerkTestSettings.User("dropped"), CancellationToken.None));

        Assert.Equal(3, error.Attempts);
        Assert.True(error.MayHaveBeenApplied);
        Assert.False(error.IsTimeout);
        Assert.Contains("POST " + emulator.BaseUrl + "/v1/users", error.Message);
        Assert.Empty(emulator.Users);
    }

    [Fact]
    public async Task A_refused_connection_never_reached_clerk()
    {
        int nobodyListens = FreeTcpPort.Next();
        using var api = ClerkBackendApi.Create(new ClerkConnectionSettings(new ClerkSecretKey("sk_test_x"), $"http://127.0.0.1:{nobodyListens}")
        {
            RequestsPer10Seconds = ClerkTestSettings.Unpaced,
            MaxRetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });

        var error = await Assert.ThrowsAsync<ClerkConnectionException>(() =>
            api.CreateUserAsync(ClerkTestSettings.User("nowhere"), CancellationToken.None));

        Assert.Equal(3, error.Attempts);
        Assert.False(error.MayHaveBeenApplied);
        Assert.Equal(2, api.PacingStatistics.TransientRetries);
    }

    [Fact]
    public async Task A_4xx_is_never_retried()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkTestSettings.Client(emulator);

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.CreateUserAsync(
            new ClerkCreateUserRequest { ExternalId = "bad-phone", PhoneNumber = new List<string> { "555-0100" } }, CancellationToken.None));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal("form_param_format_invalid", error.Code);
        Assert.Equal("phone_number", error.ParamName);
        Assert.Equal(1, emulator.Stats.Requests);
        Assert.Equal(0, api.PacingStatistics.Retries);
    }

    [Fact]
    public async Task Cancelling_the_callers_token_is_not_a_timeout_and_is_not_retried()
    {
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { ClientTimeoutHint = TimeSpan.FromSeconds(60) });
        using var api = ClerkTestSettings.Client(emulator, configure: s => s.Timeout = TimeSpan.FromSeconds(60));
        emulator.EnqueueFault(ClerkFaultKind.Timeout);
        using var cancellation = new CancellationTokenSource();

        Task<ClerkUser> create = api.CreateUserAsync(ClerkTestSettings.User("cancelled"), cancellation.Token);
        await Eventually.WaitUntilAsync(() => emulator.Stats.Requests == 1, "the request to hang in the emulator");
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => create);
        Assert.Equal(0, api.PacingStatistics.TransientRetries);
        Assert.Equal(1, emulator.Stats.Requests);
    }

    [Fact]
    public async Task Verify_password_is_not_repeated_after_a_server_error()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var raw = new RawClerkHttp(emulator);
        string id = (await raw.PostAsync("users", """{"password":"correct horse battery"}""")).Body.GetProperty("id").GetString()!;
        using var api = ClerkTestSettings.Client(emulator);
        emulator.ResetStats();
        emulator.EnqueueFault(ClerkFaultKind.InternalServerError);

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.VerifyPasswordAsync(id, "correct horse battery", CancellationToken.None));

        Assert.Equal(500, error.StatusCode);
        Assert.Equal(1, emulator.Stats.Requests);
    }
}
