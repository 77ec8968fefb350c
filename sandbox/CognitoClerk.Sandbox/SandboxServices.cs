using System.Security.Cryptography;
using System.Text.Json;
using CognitoClerk.Emulators;

namespace CognitoClerk.Sandbox;

/// <summary>
/// The two local stand-ins the rehearsal runs against: cognito-local with a seeded sample pool and a public
/// app client, and the Clerk Backend API emulator, which checks awscognito passwords against cognito-local
/// as Clerk checks them against Cognito. Nothing leaves 127.0.0.1.
/// </summary>
internal sealed class SandboxServices : IAsyncDisposable
{
    private SampleMigrationServices? _services;

    private SandboxServices(string secretKey) => SecretKey = secretKey;

    public CognitoLocalServer Cognito => _services!.Cognito;

    public CognitoLocalAppClient Client => _services!.Client;

    public string UserPoolId => Client.UserPoolId;

    public ClerkEmulator Clerk => _services!.Clerk;

    /// <summary>The emulator's key, random per run; never printed.</summary>
    public string SecretKey { get; }

    public IReadOnlyList<SampleMigrationUser> Users => _services!.Users;

    public static async Task<SandboxServices> StartAsync(SandboxOptions options, SandboxConsole console, CancellationToken cancellationToken)
    {
        var services = new SandboxServices("sk_test_sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        await services.StartServicesAsync(options, console, cancellationToken);
        return services;
    }

    public async ValueTask DisposeAsync()
    {
        if (_services != null)
        {
            await _services.DisposeAsync();
        }
    }

    private async Task StartServicesAsync(SandboxOptions options, SandboxConsole console, CancellationToken cancellationToken)
    {
        string environmentType = options.Production ? "production" : "development";
        _services = await SampleMigrationServices.StartAsync("sandbox", options.Users, new ClerkEmulatorOptions
        {
            SecretKey = SecretKey,
            EnvironmentType = environmentType,

            // Clerk's documented limit for the instance type, enforced with 429s as Clerk does.
            RequestsPer10Seconds = options.Production ? 1000 : 100,
        }, cancellationToken);

        // What Clerk's guide asks for: users sign in with their username, and a public app client (no
        // secret) that allows USER_PASSWORD_AUTH, the flow Clerk uses to check a password.
        console.Line($"Cognito: cognito-local {CognitoLocalVersion()} at {Cognito.EndpointUrl}");
        console.Line($"         user pool {UserPoolId} (users sign in with their username),");
        console.Line($"         public app client {Client.ClientId} (no secret, ALLOW_USER_PASSWORD_AUTH)");

        List<CognitoLocalSeedUser> seeds = Users.Select(u => u.Seed).ToList();
        string statuses = string.Join(", ", seeds.Where(s => s.Enabled).GroupBy(s => s.UserStatus)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key}"));
        int nonAscii = seeds.Count(s => s.Username.Any(c => c > 127) || s.Attributes.Values.Any(v => v.Any(c => c > 127)));
        console.Line($"         {seeds.Count} users seeded, each with its own password (known to the sandbox, printed nowhere):");
        console.Line($"         {statuses}, {seeds.Count(s => !s.Enabled)} disabled;");
        console.Line($"         {seeds.Count(s => s.Attributes["email_verified"] == "false")} unverified emails, " +
            $"{seeds.Count(s => s.Attributes.ContainsKey("phone_number"))} phone numbers, {nonAscii} with non-ASCII names, " +
            $"custom:tenant on all, {Users.Count(u => u.Expectation == SampleMigrationExpectation.FilteredOut)} at @{SampleMigrationPool.OtherDomain}");
        console.Line($"Clerk:   Backend API emulator at {Clerk.BaseUrl} ({environmentType} instance, " +
            $"{Clerk.Options.RequestsPer10Seconds} requests per 10 s; checks awscognito passwords against cognito-local)");
    }

    private static string CognitoLocalVersion()
    {
        try
        {
            using JsonDocument package = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.NodeModules, "cognito-local", "package.json")));
            return package.RootElement.GetProperty("version").GetString() ?? "?";
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException)
        {
            return "(version unknown)";
        }
    }
}
