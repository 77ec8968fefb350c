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
    private CognitoLocalServer _cognito = null!;
    private string _poolId = null!;
    private string _clientId = null!;

    public async Task InitializeAsync()
    {
        _cognito = await CognitoLocalServer.StartAsync();
        _poolId = await _cognito.CreateUserPoolAsync("clerk-verify");
        _clientId = (await _cognito.CreateUserPoolClientAsync(_poolId, "clerk-migration")).ClientId;
        await _cognito.CreateConfirmedUserAsync(_poolId, "alice", AlicePassword, new Dictionary<string, string> { ["email"] = "alice@example.com" });
        await _cognito.AdminCreateUserAsync(_poolId, "bob", new Dictionary<string, string> { ["email"] = "bob@example.com" }, "Temp-Passw0rd!"); // FORCE_CHANGE_PASSWORD
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

    [Fact]
    public async Task The_simulated_sign_in_checks_the_password_as_verify_password_does_and_records_when()
    {
        await using var clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { CognitoEndpoint = _cognito.Endpoint });
        using var api = ClerkTestSettings.Client(clerk);
        using var probe = new ClerkSignInProbe(clerk.BaseUrl, clerk.Options.SecretKey);
        ClerkUser alice = await api.CreateUserAsync(Migrated("alice", "alice@example.com"), CancellationToken.None);

        ClerkSignInAnswer wrong = await probe.SignInAsync(alice.Id, "not-her-password");
        Assert.False(wrong.Verified);
        Assert.Equal((422, "incorrect_password"), (wrong.Status, wrong.ErrorCode));
        Assert.Null((await api.FindUsersByIdAsync(new[] { alice.Id }, CancellationToken.None)).Single().LastSignInAt);

        // verify_password is no sign-in: Clerk re-hashes, but last_sign_in_at stays null.
        Assert.True(await api.VerifyPasswordAsync(alice.Id, AlicePassword, CancellationToken.None));
        Assert.Null((await api.FindUsersByIdAsync(new[] { alice.Id }, CancellationToken.None)).Single().LastSignInAt);

        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);
        ClerkSignInAnswer signedIn = await probe.SignInAsync(alice.Id, AlicePassword);
        Assert.True(signedIn.Verified, signedIn.ToString());
        ClerkUser after = (await api.FindUsersByIdAsync(new[] { alice.Id }, CancellationToken.None)).Single();
        Assert.InRange(after.LastSignInAt!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(after.LastSignInAt, after.LastActiveAt);
        Assert.Equal(1, clerk.Stats.SignIns);
        Assert.Equal(2, clerk.Stats.CognitoCalls);
    }

    [Fact]
    public async Task The_first_simulated_sign_in_of_an_awscognito_user_asks_Cognito_and_re_hashes_like_verify_password()
    {
        await using var clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { CognitoEndpoint = _cognito.Endpoint });
        using var api = ClerkTestSettings.Client(clerk);
        using var probe = new ClerkSignInProbe(clerk.BaseUrl, clerk.Options.SecretKey);
        ClerkUser alice = await api.CreateUserAsync(Migrated("alice", "alice@example.com"), CancellationToken.None);

        Assert.True((await probe.SignInAsync(alice.Id, AlicePassword)).Verified);
        Assert.True((await probe.SignInAsync(alice.Id, AlicePassword)).Verified);

        Assert.Equal(1, clerk.Stats.CognitoCalls);
        Assert.Equal("bcrypt", Assert.Single(clerk.Users).PasswordHasher);
        Assert.Equal(2, clerk.Stats.SignIns);
    }

    [Fact]
    public async Task A_user_created_banned_cannot_sign_in_even_with_the_right_password()
    {
        await using var clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { CognitoEndpoint = _cognito.Endpoint });
        using var api = ClerkTestSettings.Client(clerk);
        using var probe = new ClerkSignInProbe(clerk.BaseUrl, clerk.Options.SecretKey);
        ClerkCreateUserRequest request = Migrated("alice", "alice@example.com");
        request.Banned = true;
        ClerkUser alice = await api.CreateUserAsync(request, CancellationToken.None);

        ClerkSignInAnswer answer = await probe.SignInAsync(alice.Id, AlicePassword);

        Assert.False(answer.Verified);
        Assert.Equal((403, "user_banned"), (answer.Status, answer.ErrorCode));
        Assert.True(alice.Banned);
        Assert.True(Assert.Single(clerk.Users).Banned);
        Assert.Null(Assert.Single(clerk.Users).LastSignInAt);
        Assert.Equal(0, clerk.Stats.CognitoCalls);
    }

    private ClerkCreateUserRequest Migrated(string identifier, string email) => new()
    {
        ExternalId = "sub-" + identifier,
        EmailAddress = new List<string> { email },
        PasswordHasher = ClerkCreateUserRequest.AwsCognitoHasher,
        PasswordDigest = $"awscognito#{_poolId}#{_clientId}#{identifier}",
    };
}
