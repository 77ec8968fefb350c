using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

/// <summary>A client that believes in a higher limit than the instance has: 429s are waited out, nothing is lost.</summary>
public sealed class ClerkRateLimitRecoveryTests
{
    [Fact]
    public async Task A_real_limit_429_with_its_retry_after_is_waited_out_not_reported()
    {
        // The client believes it may send 50 per 10 s; the instance allows 3. Every 429 pauses everyone
        // for the instance's Retry-After and the requests go through in the end, none lost.
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { RequestsPer10Seconds = 3 });
        using var api = ClerkTestSettings.Client(emulator, 50);

        ClerkUser[] users = await Task.WhenAll(Enumerable.Range(0, 5)
            .Select(i => api.CreateUserAsync(ClerkTestSettings.User("limited-" + i), CancellationToken.None)));

        Assert.Equal(5, users.Select(u => u.Id).Distinct().Count());
        Assert.True(emulator.Stats.RateLimited >= 1);
        Assert.Equal(emulator.Stats.RateLimited, api.PacingStatistics.TooManyRequests);
        Assert.Equal(5, emulator.Stats.Creates);
    }
}
