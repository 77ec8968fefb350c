namespace CognitoClerk.Emulators;

/// <summary>
/// What the end-to-end tests and the sandbox run against: cognito-local with a pool as Clerk's guide asks for it
/// (users sign in with their username; a public app client, no secret, that allows USER_PASSWORD_AUTH), seeded
/// with a <see cref="SampleMigrationPool"/>, and the Clerk emulator checking awscognito passwords against it.
/// </summary>
public sealed class SampleMigrationServices : IAsyncDisposable
{
    private SampleMigrationServices()
    {
    }

    public CognitoLocalServer Cognito { get; private set; } = null!;

    public CognitoLocalAppClient Client { get; private set; } = null!;

    public string UserPoolId => Client.UserPoolId;

    public ClerkEmulator Clerk { get; private set; } = null!;

    public IReadOnlyList<SampleMigrationUser> Users { get; private set; } = Array.Empty<SampleMigrationUser>();

    /// <summary>The usernames cognito-local stored, in the pool's order (the same as <see cref="Users"/>' in a username pool).</summary>
    public IReadOnlyList<string> StoredUsernames { get; private set; } = Array.Empty<string>();

    /// <param name="clerk">The emulator's options; its Cognito endpoint is set to the pool's.</param>
    public static async Task<SampleMigrationServices> StartAsync(string poolName, int users, ClerkEmulatorOptions clerk, CancellationToken cancellationToken = default)
    {
        var services = new SampleMigrationServices();
        try
        {
            services.Cognito = await CognitoLocalServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            string poolId = await services.Cognito.CreateUserPoolAsync(poolName, cancellationToken: cancellationToken).ConfigureAwait(false);
            services.Client = await services.Cognito.CreateUserPoolClientAsync(poolId, "clerk-migration", generateSecret: false,
                explicitAuthFlows: new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" }, cancellationToken: cancellationToken).ConfigureAwait(false);
            services.Users = SampleMigrationPool.Create(users);
            services.StoredUsernames = await services.Cognito.SeedAsync(poolId, services.Users.Select(u => u.Seed), cancellationToken).ConfigureAwait(false);
            clerk.CognitoEndpoint = services.Cognito.Endpoint;
            services.Clerk = await ClerkEmulator.StartAsync(clerk, cancellationToken).ConfigureAwait(false);
            return services;
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Clerk != null)
        {
            await Clerk.DisposeAsync().ConfigureAwait(false);
        }

        if (Cognito != null)
        {
            await Cognito.DisposeAsync().ConfigureAwait(false);
        }
    }
}
