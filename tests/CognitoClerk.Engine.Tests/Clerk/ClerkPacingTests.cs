using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

/// <summary>
/// Pacing against the emulator's own sliding window and request log: what the server saw, not how
/// long the test took. The client's counters belong to the instance and the whole process, so each test
/// counts from its own start (<see cref="ClerkPacingStatistics.Since"/>).
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class ClerkPacingTests
{
    [Fact]
    public async Task Two_client_objects_share_one_budget_so_the_second_wave_waits_for_the_window()
    {
        const int limit = 10;
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { RequestsPer10Seconds = limit });
        using var first = ClerkTestSettings.Client(emulator, limit);
        using var second = ClerkTestSettings.Client(emulator, limit);

        // The counters are the instance's, process-wide: this test counts from its own start (Since), as a run does.
        ClerkPacingStatistics before = first.PacingStatistics;

        // 16 requests at once from two objects. With a limiter each, each object would pace its own 8 (a few back to
        // back, then one a second): all 16 within about 5 s, and the emulator would answer 429. With one shared
        // limiter the 16 are paced as one stream: never more than the limit in 10 s, so at most 10 in the first 5 s.
        IEnumerable<Task> calls = Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? first : second).CreateUserAsync(ClerkTestSettings.User("shared-" + i), CancellationToken.None));
        await Task.WhenAll(calls);

        // What the server saw, 429s included, over half the window: slack for how late a handler may start on a
        // loaded machine. (Not "no 429 ever": the client keeps a 100 ms guard for the trip to Clerk, and a cold
        // emulator on a busy CI box has been seen to start handling one of the first requests later than that; the
        // 429 is then retried, as in production. What sharing the budget decides is how many go, which this checks.)
        List<ClerkEmulatorRequest> arrivals = emulator.Requests.OrderBy(r => r.ArrivedAt).ToList();
        TimeSpan start = arrivals[0].ArrivedAt;
        int inFirstHalfWindow = arrivals.Count(r => r.ArrivedAt < start + TimeSpan.FromSeconds(5));
        Assert.InRange(inFirstHalfWindow, 1, limit);
        Assert.True(arrivals[^1].ArrivedAt - start >= TimeSpan.FromSeconds(5), "16 requests at 10 per 10 s cannot all arrive within 5 s");
        Assert.Equal(16, arrivals.Count(r => r.Status == 200));
        Assert.Equal(16, emulator.Users.Select(u => u.ExternalId).Distinct().Count());

        // One budget: both objects read the same counters, and they count exactly what reached the emulator.
        ClerkEmulatorStats stats = emulator.Stats;
        ClerkPacingStatistics sentByFirst = first.PacingStatistics.Since(before);
        ClerkPacingStatistics sentBySecond = second.PacingStatistics.Since(before);
        Assert.Equal(sentByFirst.ToString(), sentBySecond.ToString());
        Assert.Equal(stats.Requests, sentByFirst.RequestsSent);
        Assert.Equal(16 + stats.TooManyRequests, sentByFirst.RequestsSent);
    }

    [Fact]
    public async Task A_429_pauses_every_caller_of_the_instance_for_retry_after_then_the_request_is_retried()
    {
        const int retryAfterSeconds = 2;
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { InjectedRetryAfterSeconds = retryAfterSeconds });
        using var first = ClerkTestSettings.Client(emulator);
        using var second = ClerkTestSettings.Client(emulator);
        emulator.EnqueueFault(ClerkFaultKind.TooManyRequests);
        ClerkPacingStatistics before = first.PacingStatistics;

        Task<ClerkUser> throttled = first.CreateUserAsync(ClerkTestSettings.User("throttled"), CancellationToken.None);
        await Eventually.WaitUntilAsync(() => first.PacingStatistics.Since(before).TooManyRequests == 1, "the 429 to reach the client");
        Assert.True(second.PacingStatistics.PauseRemaining > TimeSpan.Zero, "the other client object must see the pause");

        // Callers that arrive during the pause, on both client objects, wait it out too.
        var during = Enumerable.Range(0, 6)
            .Select(i => (i % 2 == 0 ? first : second).CreateUserAsync(ClerkTestSettings.User("during-" + i), CancellationToken.None))
            .ToList();
        await Task.WhenAll(during.Append(throttled));

        List<ClerkEmulatorRequest> log = emulator.Requests.ToList();
        ClerkEmulatorRequest tooMany = Assert.Single(log, r => r.Status == 429);
        TimeSpan resume = tooMany.RespondedAt!.Value + TimeSpan.FromSeconds(retryAfterSeconds);
        List<ClerkEmulatorRequest> others = log.Where(r => r.Sequence != tooMany.Sequence).ToList();
        Assert.Equal(7, others.Count);
        Assert.All(others, r => Assert.True(r.ArrivedAt >= resume, $"request {r.Sequence} arrived at {r.ArrivedAt}, before the pause ended at {resume}"));
        Assert.All(others, r => Assert.Equal(200, r.Status));
        Assert.Equal(7, emulator.Users.Count);
        Assert.Equal(1, first.PacingStatistics.Since(before).RateLimitRetries);
    }

    [Fact]
    public async Task Too_many_429s_in_a_row_are_reported_with_the_retry_after()
    {
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { InjectedRetryAfterSeconds = 0 });
        using var api = ClerkTestSettings.Client(emulator, configure: s => s.MaxRateLimitRetries = 2);
        emulator.EnqueueFault(ClerkFaultKind.TooManyRequests, 3);
        ClerkPacingStatistics before = api.PacingStatistics;

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.GetInstanceAsync(CancellationToken.None));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal("too_many_requests", error.Code);
        Assert.Equal(TimeSpan.Zero, error.RetryAfter);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(2, api.PacingStatistics.Since(before).RateLimitRetries);
    }
}
