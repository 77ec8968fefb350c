using System.Net;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

/// <summary>The secret key never appears in any exception text, whatever went wrong.</summary>
public sealed class ClerkSecretKeyLeakTests
{
    private static readonly string Key = "sk_test_LEAKCANARY" + Guid.NewGuid().ToString("N");

    private static ClerkConnectionSettings Settings(string url) => new(new ClerkSecretKey(Key), url)
    {
        RequestsPer10Seconds = ClerkTestSettings.Unpaced,
        MaxRetryAttempts = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        Timeout = TimeSpan.FromSeconds(1),
    };

    private static void AssertNoKey(Exception error)
    {
        Assert.DoesNotContain(Key, error.ToString());
        Assert.DoesNotContain(Key, error.Message);
        for (Exception? e = error; e != null; e = e.InnerException)
        {
            Assert.DoesNotContain(Key, e.Message);
        }
    }

    [Fact]
    public void The_key_prints_redacted() => Assert.Equal("sk_***", new ClerkSecretKey(Key).ToString());

    [Fact]
    public async Task Not_in_a_rejected_key_error()
    {
        await using var emulator = await ClerkEmulator.StartAsync();
        using var api = ClerkBackendApi.Create(Settings(emulator.BaseUrl));

        AssertNoKey(await Assert.ThrowsAsync<ClerkApiException>(() => api.CreateUserAsync(ClerkTestSettings.User("a"), CancellationToken.None)));
    }

    [Fact]
    public async Task Not_even_when_the_server_echoes_it()
    {
        string body = "{\"errors\":[{\"message\":\"bad key KEY\",\"long_message\":\"Bearer KEY is not valid\",\"code\":\"clerk_key_invalid\",\"meta\":{\"param_name\":\"KEY\"}}],\"clerk_trace_id\":\"KEY\"}"
            .Replace("KEY", Key);
        using var api = ClerkBackendApi.Create(Settings("https://api.clerk.example"), new StubHandler(HttpStatusCode.Unauthorized, body));

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.GetInstanceAsync(CancellationToken.None));

        AssertNoKey(error);
        Assert.DoesNotContain(Key, error.LongMessage);
        Assert.DoesNotContain(Key, error.TraceId);
        Assert.DoesNotContain(Key, error.ParamName);
    }

    [Fact]
    public async Task Not_in_a_non_json_echo()
    {
        using var api = ClerkBackendApi.Create(Settings("https://api.clerk.example"), new StubHandler(HttpStatusCode.BadRequest, "Authorization: Bearer " + Key, "text/plain"));

        AssertNoKey(await Assert.ThrowsAsync<ClerkApiException>(() => api.GetInstanceAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task Not_in_connection_failures_or_timeouts()
    {
        using (var refused = ClerkBackendApi.Create(Settings($"http://127.0.0.1:{FreeTcpPort.Next()}")))
        {
            AssertNoKey(await Assert.ThrowsAsync<ClerkConnectionException>(() => refused.GetInstanceAsync(CancellationToken.None)));
        }

        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { ClientTimeoutHint = TimeSpan.FromSeconds(1) });
        emulator.EnqueueFault(ClerkFaultKind.Timeout, 2);
        using var slow = ClerkBackendApi.Create(Settings(emulator.BaseUrl));
        var timeout = await Assert.ThrowsAsync<ClerkConnectionException>(() => slow.GetInstanceAsync(CancellationToken.None));
        Assert.True(timeout.IsTimeout);
        AssertNoKey(timeout);
    }

    [Fact]
    public void Not_in_setup_errors_even_when_the_key_is_given_as_the_url()
    {
        AssertNoKey(Assert.Throws<ArgumentException>(() => ClerkBackendApi.Create(Settings(Key))));
        AssertNoKey(Assert.Throws<ArgumentException>(() => ClerkBackendApi.Create(Settings($"https://x:{Key}@api.clerk.com"))));
        AssertNoKey(Assert.Throws<ArgumentException>(() => ClerkBackendApi.Create(Settings($"http://api.clerk.com/{Key}"))));
    }
}
