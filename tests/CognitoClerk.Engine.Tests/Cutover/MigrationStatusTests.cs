using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Cutover;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cutover;

/// <summary>The status run against the Clerk emulator: each state, the drift, the batched lookups, and the DeletedInCognito scan.</summary>
public sealed class MigrationStatusTests
{
    [Fact]
    public async Task Each_user_gets_its_state_with_Clerk_deciding_first_and_the_fields_that_drifted()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        using var probe = new ClerkSignInProbe(clerk.BaseUrl, clerk.Options.SecretKey);
        CognitoUser awaiting = CutoverFixtures.User("awaiting", 1);
        CognitoUser signedIn = CutoverFixtures.User("signed.in", 2);
        CognitoUser renamed = CutoverFixtures.User("renamed", 3);
        CognitoUser disabledSince = CutoverFixtures.User("disabled.since", 4);
        CognitoUser notMigrated = CutoverFixtures.User("not.migrated", 5);
        CognitoUser cannot = CutoverFixtures.User("cannot", 6, status: CognitoUserStatus.ForceChangePassword);
        CognitoUser noSub = CutoverFixtures.With(CutoverFixtures.User("no.sub", 7), "sub", null);
        foreach (CognitoUser user in new[] { awaiting, renamed, disabledSince })
        {
            CutoverFixtures.Migrate(clerk, user);
        }

        // A real sign-in needs a password Clerk can check; this one was migrated with a local one.
        string signedInId = clerk.AddUser($$"""{"external_id":"{{CutoverFixtures.Sub(2)}}","password":"correct-horse-1","first_name":"Given2","last_name":"Family2","email_address":["signed.in@example.com"]}""");
        Assert.True((await probe.SignInAsync(signedInId, "correct-horse-1")).Verified);

        List<MigrationStatusEntry> entries = await CutoverFixtures.StatusAsync(api, new[]
        {
            awaiting, signedIn, CutoverFixtures.With(renamed, "given_name", "Renée"), CutoverFixtures.With(disabledSince, "given_name", "Given4", enabled: false), notMigrated, cannot, noSub,
        });

        Dictionary<string, MigrationStatusEntry> byName = entries.ToDictionary(e => e.Username!);
        Assert.Equal(7, entries.Count);
        Assert.Equal(MigrationState.AwaitingFirstSignIn, byName["awaiting"].State);
        Assert.Empty(byName["awaiting"].Differences);
        Assert.Equal(MigrationState.SignedIn, byName["signed.in"].State);
        Assert.NotNull(byName["signed.in"].LastSignInAt);
        Assert.Equal(signedInId, byName["signed.in"].ClerkUserId);
        Assert.Equal(new[] { "first_name" }, byName["renamed"].Differences.Select(d => d.Field));

        // Presence in Clerk decides first: disabled since the import is still AwaitingFirstSignIn, with CognitoEnabled false.
        Assert.Equal(MigrationState.AwaitingFirstSignIn, byName["disabled.since"].State);
        Assert.False(byName["disabled.since"].CognitoEnabled);
        Assert.True(byName["disabled.since"].IsDisabledButActiveInClerk);
        Assert.Equal(MigrationState.NotMigrated, byName["not.migrated"].State);
        Assert.Equal((MigrationState.CannotMigrate, "CognitoUserForceChangePassword"), (byName["cannot"].State, byName["cannot"].Reason));
        Assert.Equal((MigrationState.CannotMigrate, "CognitoUserSubMissing"), (byName["no.sub"].State, byName["no.sub"].Reason));
        Assert.All(entries, e => Assert.Equal(e.Username, e.Input));
    }

    [Fact]
    public async Task Users_are_looked_up_by_external_id_a_hundred_at_a_time()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        List<CognitoUser> users = Enumerable.Range(0, 250).Select(i => CutoverFixtures.User("u" + i, i)).ToList();
        foreach (CognitoUser user in users.Where((_, i) => i % 2 == 0))
        {
            CutoverFixtures.Migrate(clerk, user);
        }

        clerk.ResetStats();

        // No linger flush: on a busy machine a slow post would send a part batch, which is right but not what is counted here.
        List<MigrationStatusEntry> entries = await CutoverFixtures.StatusAsync(api, users, new MigrationStatusOptions(CutoverFixtures.Options()) { LookupLinger = TimeSpan.FromMinutes(5) });

        Assert.Equal(250, entries.Count);
        Assert.Equal(125, entries.Count(e => e.State == MigrationState.AwaitingFirstSignIn));
        Assert.Equal(125, entries.Count(e => e.State == MigrationState.NotMigrated));
        List<ClerkEmulatorRequest> lookups = clerk.Requests.Where(r => r.Path == "/v1/users").ToList();
        Assert.Equal(3, lookups.Count);
        Assert.All(lookups, l => Assert.True(l.Query.Split("external_id=").Length - 1 <= 100));
    }

    [Fact]
    public async Task The_scan_finds_this_pools_Clerk_users_whose_sub_is_gone_and_nobody_else()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        List<CognitoUser> pool = Enumerable.Range(0, 12).Select(i => CutoverFixtures.User("u" + i, i)).ToList();
        pool.ForEach(u => CutoverFixtures.Migrate(clerk, u));
        string deleted = CutoverFixtures.Migrate(clerk, CutoverFixtures.User("deleted", 100));
        clerk.AddUser("""{"external_id":"someone-elses","private_metadata":{"cognito":{"username":"x","user_pool_id":"us-east-1_OtherPool"}}}""");
        clerk.AddUser("""{"external_id":"made-in-clerk"}""");

        var subs = new PoolSubSet();
        await CutoverFixtures.StatusAsync(api, pool, new MigrationStatusOptions(CutoverFixtures.Options()) { PoolSubs = subs, UserPoolId = CutoverFixtures.Pool, LookupLinger = TimeSpan.FromMilliseconds(20) });
        var cognito = new SubLookupCognito(pool);
        var scan = new DeletedUserScan(api, cognito, CutoverFixtures.Pool, subs, pageSize: 5);
        List<MigrationStatusEntry> found = await ReadAllAsync(scan);

        MigrationStatusEntry only = Assert.Single(found);
        Assert.Equal((deleted, "deleted", MigrationState.DeletedInCognito), (only.ClerkUserId, only.Username, only.State));
        Assert.Equal(CutoverFixtures.Sub(100), only.ExternalId);
        Assert.Equal(4, scan.PagesRead); // 15 Clerk users, 5 a page: the fourth, empty page says the list ended
        Assert.Equal(13, scan.UsersFromPool);
        Assert.Equal(0, scan.CognitoChecks);
        Assert.Empty(cognito.Filters);
    }

    [Fact]
    public async Task When_every_hash_collides_Cognito_settles_each_user_and_the_answer_stays_exact()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        List<CognitoUser> pool = Enumerable.Range(0, 6).Select(i => CutoverFixtures.User("u" + i, i)).ToList();
        pool.ForEach(u => CutoverFixtures.Migrate(clerk, u));
        CognitoUser late = CutoverFixtures.User("created.after.the.lookups", 50);
        string deleted1 = CutoverFixtures.Migrate(clerk, CutoverFixtures.User("deleted1", 101));
        string deleted2 = CutoverFixtures.Migrate(clerk, CutoverFixtures.User("deleted2", 102));

        // A hash that collides for every sub: only the counts of found users and Cognito's word can keep this exact.
        var subs = new PoolSubSet(sub => (ulong)(sub.GetHashCode() & 1) + 7);
        await CutoverFixtures.StatusAsync(api, pool.Append(late), new MigrationStatusOptions(CutoverFixtures.Options()) { PoolSubs = subs, UserPoolId = CutoverFixtures.Pool, LookupLinger = TimeSpan.FromMilliseconds(20) });
        CutoverFixtures.Migrate(clerk, late);
        var scan = new DeletedUserScan(api, new SubLookupCognito(pool.Append(late)), CutoverFixtures.Pool, subs, pageSize: 4);
        List<MigrationStatusEntry> found = await ReadAllAsync(scan);

        Assert.Equal(new[] { deleted1, deleted2 }.Order(), found.Select(f => f.ClerkUserId!).Order());
        Assert.True(scan.CognitoChecks > 0);
        Assert.True(scan.MadeSecondPass);
    }

    private static async Task<List<MigrationStatusEntry>> ReadAllAsync(DeletedUserScan scan)
    {
        var found = new List<MigrationStatusEntry>();
        IReadOnlyList<MigrationStatusEntry>? page;
        while ((page = await scan.ReadNextAsync(CancellationToken.None)) != null)
        {
            found.AddRange(page);
        }

        return found;
    }
}
