using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>One cognito-local for the engine tests, seeded with a user of every status.</summary>
public sealed class CognitoLocalFixture : IAsyncLifetime
{
    public const string Password = "Corr3ct#Horse";

    public CognitoLocalServer Server { get; private set; } = null!;

    public string PoolId { get; private set; } = null!;

    public CognitoLocalAppClient PublicClient { get; private set; } = null!;

    public CognitoLocalAppClient SecretClient { get; private set; } = null!;

    public static readonly string[] Statuses =
    {
        "CONFIRMED", "FORCE_CHANGE_PASSWORD", "UNCONFIRMED", "RESET_REQUIRED", "EXTERNAL_PROVIDER", "ARCHIVED", "COMPROMISED",
    };

    public async Task InitializeAsync()
    {
        Server = await CognitoLocalServer.StartAsync();
        PoolId = await Server.CreateUserPoolAsync("engine-tests");
        PublicClient = await Server.CreateUserPoolClientAsync(PoolId, "public");
        SecretClient = await Server.CreateUserPoolClientAsync(PoolId, "confidential", generateSecret: true);

        var users = Statuses.Select(status => new CognitoLocalSeedUser(status.ToLowerInvariant(), Password) { UserStatus = status }
            .With("email", status.ToLowerInvariant() + "@example.com")
            .With("custom:tier", "gold")).ToList();
        users.Add(new CognitoLocalSeedUser("disabled", Password) { Enabled = false }.With("email", "disabled@example.com").InGroup("editors"));
        users[0].InGroup("members").InGroup("admins");

        // Three groups, one without a precedence (it sorts last).
        await Server.CreateGroupAsync(PoolId, "members");
        await Server.CreateGroupAsync(PoolId, "editors", precedence: 5);
        await Server.CreateGroupAsync(PoolId, "admins", precedence: 1, description: "people who run the app");
        await Server.SeedAsync(PoolId, users);

        // SignUp is the API's own way to an UNCONFIRMED user.
        await Server.SignUpAsync(PublicClient.ClientId, "signedup", Password, new Dictionary<string, string> { ["email"] = "signedup@example.com" });
    }

    public async Task DisposeAsync()
    {
        if (Server != null)
        {
            await Server.DisposeAsync();
        }
    }
}
