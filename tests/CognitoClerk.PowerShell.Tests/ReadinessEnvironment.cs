using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Text.Json.Nodes;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// cognito-local with a pool ready for Clerk (a public client with USER_PASSWORD_AUTH, a client with a
/// secret, a client without the flow; a CONFIRMED user with a known password and a FORCE_CHANGE_PASSWORD
/// user), and a Clerk emulator that, like Clerk, asks that cognito-local when it verifies an awscognito
/// password. Shared by the readiness and the one-user validation tests.
/// </summary>
public sealed class ReadinessEnvironment : IAsyncLifetime
{
    public const string AlicePassword = "Alice#Pass-7d3e";
    public const string FrankTemporaryPassword = "Frank#Temp-91c2";
    public const string GinaPassword = "Gina#Pass-55aa";

    public CognitoLocalServer Cognito { get; private set; } = null!;

    public ClerkEmulator Clerk { get; private set; } = null!;

    public string PoolId { get; private set; } = null!;

    public string PublicClientId { get; private set; } = null!;

    public string SecretClientId { get; private set; } = null!;

    public string NoFlowClientId { get; private set; } = null!;

    public string AliceSub { get; private set; } = null!;

    public string FrankSub { get; private set; } = null!;

    public string SecretKeyText => Clerk.Options.SecretKey;

    public async Task InitializeAsync()
    {
        Cognito = await CognitoLocalServer.StartAsync();
        PoolId = await Cognito.CreateUserPoolAsync("readiness", new CognitoLocalPoolOptions { CaseSensitive = false, MfaConfiguration = "OFF" });
        PublicClientId = (await Cognito.CreateUserPoolClientAsync(PoolId, "clerk-migration")).ClientId;
        SecretClientId = (await Cognito.CreateUserPoolClientAsync(PoolId, "web backend", generateSecret: true)).ClientId;
        NoFlowClientId = (await Cognito.CreateUserPoolClientAsync(PoolId, "spa", explicitAuthFlows: new[] { "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" })).ClientId;

        await Cognito.CreateConfirmedUserAsync(PoolId, "alice", AlicePassword, new Dictionary<string, string> { ["email"] = "alice@example.com", ["email_verified"] = "true" });
        await Cognito.AdminCreateUserAsync(PoolId, "frank", new Dictionary<string, string> { ["email"] = "frank@example.com" }, FrankTemporaryPassword);
        await Cognito.CreateConfirmedUserAsync(PoolId, "gina", GinaPassword, new Dictionary<string, string> { ["email"] = "gina@example.com" });
        AliceSub = await SubOf("alice");
        FrankSub = await SubOf("frank");

        Clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { CognitoEndpoint = Cognito.Endpoint, EnvironmentType = "production" });
    }

    public async Task DisposeAsync()
    {
        if (Clerk != null)
        {
            await Clerk.DisposeAsync();
        }

        if (Cognito != null)
        {
            await Cognito.DisposeAsync();
        }
    }

    /// <summary>A SecureString as Read-Host -AsSecureString makes one (the hosted engine has no ConvertTo-SecureString).</summary>
    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>Creates the Clerk user the migration would create for a Cognito user, straight through the Backend API.</summary>
    public async Task<string> MigrateAsync(string username, string sub, string email)
    {
        using var http = new HttpClient();
        var body = new JsonObject
        {
            ["external_id"] = sub,
            ["email_address"] = new JsonArray(email),
            ["password_hasher"] = "awscognito",
            ["password_digest"] = $"awscognito#{PoolId}#{PublicClientId}#{username}",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, Clerk.BaseUrl.TrimEnd('/') + "/v1/users")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SecretKeyText);
        using HttpResponseMessage response = await http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }

    private async Task<string> SubOf(string username)
    {
        var user = await Cognito.CallAsync("AdminGetUser", new JsonObject { ["UserPoolId"] = PoolId, ["Username"] = username });
        foreach (var attribute in user.GetProperty("UserAttributes").EnumerateArray())
        {
            if (attribute.GetProperty("Name").GetString() == "sub")
            {
                return attribute.GetProperty("Value").GetString()!;
            }
        }

        throw new InvalidOperationException("No sub for " + username);
    }
}
