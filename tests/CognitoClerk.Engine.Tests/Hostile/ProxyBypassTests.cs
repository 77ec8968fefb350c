using System.Net;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Tests.Cognito;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Hostile;

/// <summary>
/// Plain http is allowed only to loopback because the bytes never leave the machine; a proxy would take them
/// off it in clear text, the Bearer key and AWS session tokens with them (issue 9, item 11).
/// </summary>
[Collection(ProcessProxyCollection.Name)]
public sealed class ProxyBypassTests
{
    private static async Task WithDefaultProxyAsync(HostileHttpServer proxy, Func<Task> body)
    {
        IWebProxy saved = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy(proxy.BaseUrl) { BypassProxyOnLocal = false };
        try
        {
            await body();
        }
        finally
        {
            HttpClient.DefaultProxy = saved;
        }
    }

    private static Task<HostileHttpServer> RecordingProxyAsync() =>
        HostileHttpServer.StartAsync((server, context, _) => server.WriteAsync(context, 502, "{\"message\":\"proxy\"}"));

    [Fact]
    public async Task The_Clerk_key_never_goes_through_a_proxy_to_a_loopback_API()
    {
        await using ClerkEmulator emulator = await ClerkEmulator.StartAsync();
        await using HostileHttpServer proxy = await RecordingProxyAsync();

        await WithDefaultProxyAsync(proxy, async () =>
        {
            // The control: an ordinary handler does send loopback traffic to the configured proxy.
            using (var plain = new HttpClient(new HttpClientHandler()))
            {
                await plain.GetAsync(emulator.BaseUrl + "/v1/instance");
            }

            Assert.Single(proxy.Requests);

            using ClerkBackendApi api = ClerkTestSettings.Client(emulator);
            ClerkInstanceInfo instance = await api.GetInstanceAsync(CancellationToken.None);

            Assert.Equal("ins_cognitoclerkemulator", instance.Id);
        });

        Assert.Single(proxy.Requests);
        Assert.DoesNotContain(proxy.Requests, r => r.Header("Authorization") != null);
    }

    [Fact]
    public async Task Signed_Cognito_calls_never_go_through_a_proxy_to_a_loopback_endpoint()
    {
        await using FakeCognitoServer cognito = await FakeCognitoServer.StartAsync();
        cognito.AddGeneratedPool("us-east-1_ProxyTest", 2);
        await using HostileHttpServer proxy = await RecordingProxyAsync();

        await WithDefaultProxyAsync(proxy, async () =>
        {
            using var client = FakeCognitoClients.Create(cognito, "us-east-1_ProxyTest");
            await client.ListUsersAsync("us-east-1_ProxyTest", null, null, CancellationToken.None);
        });

        Assert.Empty(proxy.Requests);
        Assert.Single(cognito.Counters.Requests);
    }
}
