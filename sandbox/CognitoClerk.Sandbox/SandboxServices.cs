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

    /// <summary>A placeholder AWS secret, random per run: cognito-local checks no signature, but it is searched for all the same.</summary>
    public string AwsSecretAccessKey { get; } = "sandbox" + Guid.NewGuid().ToString("N");

    public IReadOnlyList<SampleMigrationUser> Users => _services!.Users;

    public static async Task<SandboxServices> StartAsync(SandboxOptions options, SandboxConsole console, CancellationToken cancellationToken)
    {
        var services = new SandboxServices("sk_test_sandbox_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        try
        {
            await services.StartServicesAsync(options, console, cancellationToken);
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The environment that points the module (and the AWS CLI) at these services, in the variables Clerk's guide
    /// and the AWS SDK use. cognito-local checks no signature, but the module signs every call as it must for
    /// AWS: placeholder keys, and none of the admin's own AWS settings (profiles, SSO, a default endpoint) in the
    /// way. A null value removes the variable.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string?>> ModuleEnvironment(string workDirectory)
    {
        var variables = new List<KeyValuePair<string, string?>>
        {
            new("COGNITO_USER_POOL_ID", UserPoolId),
            new("COGNITO_CLIENT_ID", Client.ClientId),
            new("CLERK_SECRET_KEY", SecretKey),
            new("CLERK_API_URL", Clerk.BaseUrl),
            new("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", Cognito.EndpointUrl),
            new("AWS_ACCESS_KEY_ID", "AKIASANDBOXEXAMPLE"),
            new("AWS_SECRET_ACCESS_KEY", AwsSecretAccessKey),
            new("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(workDirectory, "no-aws", "credentials")),
            new("AWS_CONFIG_FILE", Path.Combine(workDirectory, "no-aws", "config")),
            new("AWS_EC2_METADATA_DISABLED", "true"),
        };
        foreach (string name in new[] { "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE" })
        {
            variables.Add(new(name, null));
        }

        return variables;
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
