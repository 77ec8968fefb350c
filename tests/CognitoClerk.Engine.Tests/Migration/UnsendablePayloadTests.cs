using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static CognitoClerk.Engine.Tests.Migration.RunnerDriver;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>
/// What is never sent, and what is never taken for the same person (issue 9, items 4, 6 and 7): payloads without
/// external_id, identifiers Cognito cannot hold, and a second Cognito user with the first one's sub.
/// </summary>
public sealed class UnsendablePayloadTests(ITestOutputHelper output)
{
    private const string Pool = "us-east-1_TEST";

    private static MigrationWorkItem WithoutExternalId(int i)
    {
        MigrationWorkItem item = User(i);
        item.Request.ExternalId = null;
        return new MigrationWorkItem(item.Request, item.CognitoUsername, item.UserPoolId, i);
    }

    private static MigrationWorkItem Migrated(string username, string sub, int state)
    {
        var request = new ClerkCreateUserRequest
        {
            ExternalId = sub,
            EmailAddress = new List<string> { username + "@example.com" },
            PasswordHasher = ClerkCreateUserRequest.AwsCognitoHasher,
            PasswordDigest = $"awscognito#{Pool}#client123#{username}",
            PrivateMetadata = new Dictionary<string, object?>
            {
                ["cognito"] = new Dictionary<string, object?> { ["username"] = username, ["user_pool_id"] = Pool },
            },
        };
        return new MigrationWorkItem(request, username, Pool, state);
    }

    [Fact]
    public async Task Payloads_without_external_id_are_never_sent_so_faults_and_reruns_cannot_multiply_them()
    {
        await using var clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions
        {
            FaultRate = 0.30,
            FaultSeed = 9,
            FaultKinds = ClerkFaultKind.All,
            InjectedRetryAfterSeconds = 1,
        });
        var runs = new List<List<MigrationOutcome>>();
        for (int run = 0; run < 2; run++)
        {
            using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
            using var runner = new MigrationRunner(api);
            runs.Add(await Task.Run(() => RunAll(runner, Enumerable.Range(0, 20).Select(WithoutExternalId))));
        }

        output.WriteLine($"20 payloads without external_id, 30% faults, run twice: {clerk.Users.Count} Clerk users, {clerk.Stats.Creates} creates " +
            $"(before: 25 users after the first run, 51 after the second, each run reporting Created=20).");
        Assert.All(runs.SelectMany(r => r), o =>
        {
            Assert.Equal(MigrationStatus.Skipped, o.Status);
            Assert.Equal(MigrationErrorIds.ExternalIdMissing, o.ErrorId);
            Assert.Contains("external_id", o.Reason);
        });
        Assert.Equal(0, clerk.Users.Count);
        Assert.Equal(0, clerk.Stats.Requests);
    }

    public static TheoryData<string, string> Unholdable => new()
    {
        { " ann", "a space at the start" },
        { "ann ", "a space at the end" },
        { "ann lee", "a space at position 4" },
        { "ann\tlee", "a TAB" },
        { "ann\u0007", "the control character U+0007" },
        { "ann\u001b[2Jlee", "an ESC character" },
        { "ann\nlee", "a line break" },
        { "ann\0", "a NUL character" },
        { new string('a', 10_000), "10000 characters long" },
    };

    [Theory]
    [MemberData(nameof(Unholdable))]
    public void An_identifier_Cognito_cannot_hold_is_skipped_by_the_mapper_with_an_escaped_reason(string username, string why)
    {
        var user = new CognitoUser(username, new[] { new KeyValuePair<string, string?>("sub", "sub-1") }) { UserStatus = "CONFIRMED", Enabled = true, UserPoolId = Pool };

        DigestResult result = CognitoDigestMapper.Map(user, new DigestOptions { ClientId = "client123", IdentifierSource = IdentifierSource.Username });

        Assert.False(result.IsMigratable);
        Assert.Equal(MigrationErrorIds.IdentifierInvalid, result.Skip!.ErrorId);
        Assert.Contains(why, result.Skip.Reason);
        Assert.DoesNotContain(result.Skip.Reason, char.IsControl);
        Assert.InRange(result.Skip.Reason.Length, 1, 1000);
    }

    [Fact]
    public async Task Digests_naming_an_identifier_Cognito_cannot_hold_are_never_sent()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        using var runner = new MigrationRunner(api);
        var items = Unholdable.Select((row, i) =>
        {
            MigrationWorkItem item = User(i);
            item.Request.PasswordDigest = $"awscognito#{Pool}#client123#{(string)row[0]}";
            return item;
        }).ToList();

        List<MigrationOutcome> outcomes = await Task.Run(() => RunAll(runner, items));

        output.WriteLine($"{items.Count} digests with identifiers Cognito cannot hold: {clerk.Users.Count} Clerk users created (before: 9 users who could never sign in).");
        Assert.All(outcomes, o => Assert.Equal(MigrationErrorIds.IdentifierInvalid, o.ErrorId));
        Assert.All(outcomes, o => Assert.DoesNotContain(o.Reason!, char.IsControl));
        Assert.Equal(0, clerk.Users.Count);
        Assert.Equal(0, clerk.Stats.Requests);
    }

    [Fact]
    public async Task A_second_Cognito_user_with_the_first_ones_sub_is_a_Conflict_naming_both()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using (ClerkBackendApi api = ClerkTestSettings.Client(clerk))
        using (var runner = new MigrationRunner(api))
        {
            Assert.Equal(MigrationStatus.Created, Assert.Single(RunAll(runner, new[] { Migrated("ann", "sub-shared", 0) })).Status);
        }

        string annInClerk = clerk.Users.Single().Id;
        List<MigrationOutcome> outcomes;
        using (ClerkBackendApi api = ClerkTestSettings.Client(clerk))
        using (var runner = new MigrationRunner(api))
        {
            outcomes = await Task.Run(() => RunAll(runner, new[] { Migrated("ann", "sub-shared", 0), Migrated("bob", "sub-shared", 1) }));
        }

        var byUser = outcomes.ToDictionary(o => (int)o.Item.State!);
        Assert.Equal(MigrationStatus.AlreadyMigrated, byUser[0].Status);
        Assert.Equal(MigrationStatus.Conflict, byUser[1].Status);
        Assert.Equal(MigrationErrorIds.SubConflict, byUser[1].ErrorId);
        Assert.Equal(annInClerk, byUser[1].ConflictingClerkUserId);
        Assert.Null(byUser[1].ClerkUserId);
        Assert.Contains("'bob'", byUser[1].Reason);
        Assert.Contains("'ann'", byUser[1].Reason);
        Assert.Single(clerk.Users);
    }

    [Fact]
    public async Task Two_users_with_one_sub_in_the_same_run_are_one_user_and_one_Conflict()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        using var runner = new MigrationRunner(api);

        List<MigrationOutcome> outcomes = await Task.Run(() => RunAll(runner, new[] { Migrated("ann", "sub-twice", 0), Migrated("bob", "sub-twice", 1) }));

        Assert.Single(outcomes, o => o.Status == MigrationStatus.Created);
        MigrationOutcome conflict = Assert.Single(outcomes, o => o.Status == MigrationStatus.Conflict);
        Assert.Equal(MigrationErrorIds.SubConflict, conflict.ErrorId);
        Assert.Single(clerk.Users);
    }
}
