using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

/// <summary>
/// What Clerk does for awscognito users, end to end with a real cognito-local: the first sign-in asks
/// Cognito (InitiateAuth USER_PASSWORD_AUTH on the digest's client and identifier), then the password
/// is re-hashed locally and Cognito is never asked again for that user.
/// </summary>
public sealed class ClerkAwsCognitoVerificationTests : IAsyncLifetime
{
    private const string AlicePassword = "Corr3ct-Horse-Battery!";
    private CognitoLocalForClerkTests _cognito = null!;
    private string _poolId = null!;
    private string _clientId = null!;

    public async Task InitializeAsync()
    {
        _cognito = await CognitoLocalForClerkTests.StartAsync();
        _poolId = (await _cognito.CallAsync("CreateUserPool", new JsonObject { ["PoolName"] = "clerk-verify" }))["UserPool"]!["Id"]!.GetValue<string>();
        _clientId = (await _cognito.CallAsync("CreateUserPoolClient", new JsonObject
        {
            ["UserPoolId"] = _poolId,
            ["ClientName"] = "clerk-migration",
            ["ExplicitAuthFlows"] = new JsonArray("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
        }))["UserPoolClient"]!["ClientId"]!.GetValue<string>();

        await CreateCognitoUserAsync("alice", "alice@example.com", AlicePassword);
        await CreateCognitoUserAsync("bob", "bob@example.com", permanentPassword: null); // FORCE_CHANGE_PASSWORD
    }

    public async Task DisposeAsync() => await _cognito.DisposeAsync();

    [Fact]
    public async Task The_first_sign_in_asks_cognito_and_the_next_ones_stay_local()
    {
        await using var clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { CognitoEndpoint = _cognito.Endpoint });
        using var api = ClerkTestSettings.Client(clerk);
        ClerkUser alice = await api.CreateUserAsync(Migrated("alice", "alice@example.com"), CancellationToken.None);

        Assert.False(await api.VerifyPasswordAsync(alice.Id, "not-her-password", CancellationToken.None));
        Assert.Equal(1, clerk.Stats.CognitoCalls);
        Assert.Equal("awscognito", Assert.Single(clerk.Users).PasswordHasher);

        Assert.True(await api.VerifyPasswordAsync(alice.Id, AlicePassword, CancellationToken.None));
        Assert.Equal(2, clerk.Stats.CognitoCalls);
        ClerkEmulatorUser migrated = Assert.Single(clerk.Users);
        Assert.Equal("bcrypt", migrated.PasswordHasher);
        Assert.DoesNotContain(AlicePassword, migrated.PasswordDigest);

        Assert.True(await api.VerifyPasswordAsync(alice.Id, AlicePassword, CancellationToken.None));
        Assert.False(await api.VerifyPasswordAsync(alice.Id, "not-her-password", CancellationToken.None));
        Assert.Equal(2, clerk.Stats.CognitoCalls);
        Assert.Equal(1, clerk.Stats.PasswordsMigrated);
    }

    [Fact]
    public async Task A_challenge_from_cognito_is_a_failed_sign_in_and_nothing_is_migrated()
    {
        await using var clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { CognitoEndpoint = _cognito.Endpoint });
        using var api = ClerkTestSettings.Client(clerk);
        ClerkUser bob = await api.CreateUserAsync(Migrated("bob", "bob@example.com"), CancellationToken.None);

        Assert.False(await api.VerifyPasswordAsync(bob.Id, "Temp-Passw0rd!", CancellationToken.None));

        Assert.Equal(1, clerk.Stats.CognitoCalls);
        Assert.Equal("awscognito", Assert.Single(clerk.Users).PasswordHasher);
        ClerkEmulatorRequest verify = clerk.Requests.Single(r => r.Path.EndsWith("/verify_password", StringComparison.Ordinal));
        Assert.Equal(422, verify.Status);
    }

    [Fact]
    public async Task The_identifier_in_the_digest_is_what_cognito_is_asked_for()
    {
        await using var clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { CognitoEndpoint = _cognito.Endpoint });
        using var api = ClerkTestSettings.Client(clerk);

        // Right password, but the digest names a user Cognito does not have.
        ClerkUser wrongIdentifier = await api.CreateUserAsync(Migrated("alice-typo", "alice2@example.com"), CancellationToken.None);

        Assert.False(await api.VerifyPasswordAsync(wrongIdentifier.Id, AlicePassword, CancellationToken.None));
        Assert.Equal(1, clerk.Stats.CognitoCalls);
    }

    private ClerkCreateUserRequest Migrated(string identifier, string email) => new()
    {
        ExternalId = "sub-" + identifier,
        EmailAddress = new List<string> { email },
        PasswordHasher = ClerkCreateUserRequest.AwsCognitoHasher,
        PasswordDigest = $"awscognito#{_poolId}#{_clientId}#{identifier}",
    };

    private async Task CreateCognitoUserAsync(string username, string email, string? permanentPassword)
    {
        await _cognito.CallAsync("AdminCreateUser", new JsonObject
        {
            ["UserPoolId"] = _poolId,
            ["Username"] = username,
            ["MessageAction"] = "SUPPRESS",
            ["TemporaryPassword"] = "Temp-Passw0rd!",
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "email", ["Value"] = email }),
        });
        if (permanentPassword != null)
        {
            await _cognito.CallAsync("AdminSetUserPassword", new JsonObject
            {
                ["UserPoolId"] = _poolId,
                ["Username"] = username,
                ["Password"] = permanentPassword,
                ["Permanent"] = true,
            });
        }
    }

    /// <summary>
    /// A minimal cognito-local launcher for these tests only (a shared, fuller launcher belongs to the
    /// Cognito slice; replace this with it once it lands). Starts tests/node_modules' cognito-local on a free
    /// loopback port in a scratch folder whose config lets usernames be plain names, and stops it after.
    /// </summary>
    private sealed class CognitoLocalForClerkTests : IAsyncDisposable
    {
        private static readonly MediaTypeHeaderValue AmzJson = new("application/x-amz-json-1.1");

        private readonly Process _process;
        private readonly string _folder;
        private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

        private CognitoLocalForClerkTests(Process process, string folder, Uri endpoint)
        {
            _process = process;
            _folder = folder;
            Endpoint = endpoint;
        }

        public Uri Endpoint { get; }

        public static async Task<CognitoLocalForClerkTests> StartAsync()
        {
            string script = Path.Combine(RepositoryPaths.NodeModules, "cognito-local", "lib", "bin", "start.js");
            if (!File.Exists(script))
            {
                throw new InvalidOperationException($"cognito-local is not installed at {script}: run `npm ci --prefix tests`.");
            }

            string folder = Directory.CreateTempSubdirectory("clerk-cognito-local-").FullName;
            Directory.CreateDirectory(Path.Combine(folder, ".cognito"));

            // cognito-local's default pools sign in by email; Cognito's own default is a plain username.
            await File.WriteAllTextAsync(Path.Combine(folder, ".cognito", "config.json"), """{"UserPoolDefaults":{"UsernameAttributes":[]}}""");

            int port = FreeTcpPort.Next();
            var start = new ProcessStartInfo("node", $"\"{script}\"")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["HOST"] = "127.0.0.1";
            Process process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var launcher = new CognitoLocalForClerkTests(process, folder, new Uri($"http://127.0.0.1:{port}/"));
            try
            {
                await Eventually.WaitUntilAsync(() => launcher.IsReady(), "cognito-local to listen", TimeSpan.FromSeconds(90));
                return launcher;
            }
            catch
            {
                await launcher.DisposeAsync();
                throw;
            }
        }

        public async Task<JsonNode> CallAsync(string operation, JsonObject body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
            request.Content.Headers.ContentType = AmzJson;
            request.Headers.Add("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
            using HttpResponseMessage response = await _http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"cognito-local {operation} answered {(int)response.StatusCode}: {text}");
            }

            return JsonNode.Parse(text.Length == 0 ? "{}" : text)!;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
            _http.Dispose();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean up.
            }
        }

        private bool IsReady()
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"cognito-local exited with code {_process.ExitCode} before listening.");
            }

            try
            {
                CallAsync("ListUserPools", new JsonObject { ["MaxResults"] = 1 }).GetAwaiter().GetResult();
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }
    }
}
