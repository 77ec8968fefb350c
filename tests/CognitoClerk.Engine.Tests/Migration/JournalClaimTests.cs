using System.Text;
using System.Text.Json;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Tests.Support;
using Xunit;
using Xunit.Abstractions;
using static CognitoClerk.Engine.Tests.Migration.RunnerDriver;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>
/// A journal line is a claim, not a fact (issue 9, item 1): it is tied to the Clerk instance it was written for,
/// and confirmed by the batched external_id lookup before anyone is told the user is migrated.
/// </summary>
public sealed class JournalClaimTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cognitoclerk-claims-" + Guid.NewGuid().ToString("N"))).FullName;

    private string JournalPath => Path.Combine(_directory, "migration.jsonl");

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<List<MigrationOutcome>> MigrateAsync(ClerkEmulator clerk, MigrationJournal journal, int users)
    {
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        ClerkInstanceInfo instance = await api.GetInstanceAsync(CancellationToken.None);
        journal.BindInstance(instance.Id);
        using var runner = new MigrationRunner(api, new MigrationRunnerOptions { Journal = journal });
        return await Task.Run(() => RunAll(runner, Users(users)));
    }

    [Fact]
    public async Task A_rehearsal_journal_reused_against_production_migrates_everyone_to_production()
    {
        const int users = 50;
        await using var rehearsal = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { InstanceId = "ins_rehearsal_dev" });
        await using var production = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { InstanceId = "ins_production", EnvironmentType = "production" });

        using (MigrationJournal journal = MigrationJournal.Open(JournalPath))
        {
            Assert.All(await MigrateAsync(rehearsal, journal, users), o => Assert.Equal(MigrationStatus.Created, o.Status));
        }

        Assert.All(File.ReadAllLines(JournalPath), line =>
            Assert.Equal("ins_rehearsal_dev", JsonDocument.Parse(line).RootElement.GetProperty("instance_id").GetString()));

        List<MigrationOutcome> outcomes;
        using (MigrationJournal journal = MigrationJournal.Open(JournalPath))
        {
            outcomes = await MigrateAsync(production, journal, users);
            Assert.Equal(new Dictionary<string, int> { ["ins_rehearsal_dev"] = users }, journal.RecordsOfOtherInstances());
        }

        output.WriteLine($"Rehearsal journal against production: production received {production.Stats.Requests} requests and holds " +
            $"{production.Users.Count} users; {outcomes.Count(o => o.Status == MigrationStatus.Created)} reported Created, " +
            $"{outcomes.Count(o => o.FromJournal)} from the journal (before: 0 requests, 0 users held, {users} claimed Created).");
        Assert.All(outcomes, o => Assert.Equal(MigrationStatus.Created, o.Status));
        Assert.DoesNotContain(outcomes, o => o.FromJournal);
        Assert.Equal(users, production.Users.Count);
        Assert.Equal(users, production.Stats.Creates);
    }

    [Fact]
    public async Task A_forged_line_cannot_hide_a_missing_user_and_a_true_one_is_confirmed_by_Clerk()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using (ClerkBackendApi api = ClerkTestSettings.Client(clerk))
        {
            await api.CreateUserAsync(User(1).Request, CancellationToken.None);
        }

        string created = clerk.Users.Single().Id;

        // Lines as journals of earlier versions wrote them (no instance_id): user 1 really is in Clerk, user 2 is not.
        File.WriteAllText(JournalPath,
            "{\"pool\":\"us-east-1_TEST\",\"username\":\"cognito-user-1\",\"external_id\":\"sub-000001\",\"status\":\"Created\",\"clerk_user_id\":\"user_from_the_line\"}\n" +
            "{\"pool\":\"us-east-1_TEST\",\"username\":\"cognito-user-2\",\"external_id\":\"sub-000002\",\"status\":\"Created\",\"clerk_user_id\":\"user_forged\"}\n",
            new UTF8Encoding(false));
        clerk.ResetStats();

        List<MigrationOutcome> outcomes;
        MigrationProgress progress;
        using (MigrationJournal journal = MigrationJournal.Open(JournalPath))
        {
            Assert.Equal(2, journal.RecordsWithoutInstance);
            using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
            journal.BindInstance((await api.GetInstanceAsync(CancellationToken.None)).Id);
            using var runner = new MigrationRunner(api, new MigrationRunnerOptions { Journal = journal });
            outcomes = await Task.Run(() => RunAll(runner, new[] { User(1), User(2) }));
            progress = runner.GetProgress();
        }

        var byUser = outcomes.ToDictionary(o => (int)o.Item.State!);
        Assert.Equal(MigrationStatus.AlreadyMigrated, byUser[1].Status);
        Assert.True(byUser[1].FromJournal);
        Assert.Equal(created, byUser[1].ClerkUserId);
        Assert.Equal(MigrationStatus.Created, byUser[2].Status);
        Assert.False(byUser[2].FromJournal);
        Assert.Contains("journal", byUser[2].Reason);
        Assert.Equal(1, progress.JournalConfirmed);
        Assert.Equal(1, progress.JournalUnconfirmed);
        Assert.Equal(2, clerk.Users.Count);

        // The one external_id lookup settled both claims; the one it did not confirm was asked for by its Clerk id
        // once more (a user re-keyed since would be found that way), and nothing else.
        Assert.Equal(2, clerk.Requests.Count(r => r.Method == "GET" && r.Path == "/v1/users"));
        Assert.Single(clerk.Requests, r => r.Method == "GET" && r.Path == "/v1/users" && r.Query.Contains("user_id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_claim_whose_Clerk_user_was_re_keyed_is_confirmed_by_its_id_and_a_line_naming_someone_elses_id_is_not()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        static MigrationWorkItem Person(string username, int state) => new(
            new ClerkCreateUserRequest
            {
                ExternalId = "sub-" + username,
                EmailAddress = new List<string> { username + "@example.com" },
                PasswordHasher = ClerkCreateUserRequest.AwsCognitoHasher,
                PasswordDigest = "awscognito#us-east-1_TEST#client123#" + username,
                PrivateMetadata = new Dictionary<string, object?> { ["cognito"] = new Dictionary<string, object?> { ["username"] = username, ["user_pool_id"] = "us-east-1_TEST" } },
            },
            username,
            "us-east-1_TEST",
            state);

        using (MigrationJournal journal = MigrationJournal.Open(JournalPath))
        {
            await MigrateItemsAsync(clerk, journal, new[] { Person("ann", 0), Person("bob", 1) });
        }

        string ann = clerk.Users.Single(u => u.ExternalId == "sub-ann").Id;
        string bob = clerk.Users.Single(u => u.ExternalId == "sub-bob").Id;
        using (var raw = new RawClerkHttp(clerk))
        {
            Assert.Equal(200, (await raw.SendAsync(HttpMethod.Patch, "users/" + ann, "{\"external_id\":\"crm-ann\"}")).Status);
        }

        // A hand-added line says carl was created as bob's Clerk user.
        File.AppendAllText(JournalPath,
            "{\"instance_id\":\"ins_cognitoclerkemulator\",\"pool\":\"us-east-1_TEST\",\"username\":\"carl\",\"external_id\":\"sub-carl\",\"status\":\"Created\",\"clerk_user_id\":\"" + bob + "\"}\n");

        List<MigrationOutcome> outcomes;
        using (MigrationJournal journal = MigrationJournal.Open(JournalPath))
        {
            outcomes = await MigrateItemsAsync(clerk, journal, new[] { Person("ann", 0), Person("carl", 2) });
        }

        var byUser = outcomes.ToDictionary(o => (int)o.Item.State!);
        Assert.Equal(MigrationStatus.AlreadyMigrated, byUser[0].Status);
        Assert.True(byUser[0].FromJournal);
        Assert.Equal(ann, byUser[0].ClerkUserId);
        Assert.Contains("no longer", byUser[0].Reason);
        Assert.Equal(MigrationStatus.Created, byUser[2].Status);
        Assert.False(byUser[2].FromJournal);
        Assert.Equal(3, clerk.Users.Count);
    }

    private static async Task<List<MigrationOutcome>> MigrateItemsAsync(ClerkEmulator clerk, MigrationJournal journal, IEnumerable<MigrationWorkItem> items)
    {
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        journal.BindInstance((await api.GetInstanceAsync(CancellationToken.None)).Id);
        using var runner = new MigrationRunner(api, new MigrationRunnerOptions { Journal = journal });
        return await Task.Run(() => RunAll(runner, items));
    }

    [Fact]
    public void The_latest_line_of_a_user_wins_so_a_removed_user_is_not_finished()
    {
        File.WriteAllText(JournalPath,
            "{\"instance_id\":\"ins_a\",\"pool\":\"p_1\",\"external_id\":\"s1\",\"status\":\"Created\",\"clerk_user_id\":\"user_1\"}\n" +
            "{\"instance_id\":\"ins_a\",\"pool\":\"p_1\",\"external_id\":\"s1\",\"status\":\"Removed\"}\n" +
            "{\"instance_id\":\"ins_a\",\"pool\":\"p_1\",\"external_id\":\"s2\",\"status\":\"Failed\"}\n" +
            "{\"instance_id\":\"ins_a\",\"pool\":\"p_1\",\"external_id\":\"s2\",\"status\":\"AlreadyMigrated\",\"clerk_user_id\":\"user_2\"}\n",
            new UTF8Encoding(false));

        using MigrationJournal journal = MigrationJournal.Open(JournalPath);
        journal.BindInstance("ins_a");

        Assert.False(journal.TryGetFinished("p_1", "s1", null, out _));
        Assert.True(journal.TryGetFinished("p_1", "s2", null, out JournalClaim? claim));
        Assert.Equal("user_2", claim!.ClerkUserId);
        Assert.Equal(1, journal.FinishedUserCount);
    }

    [Fact]
    public void A_claim_of_another_instance_is_no_claim_once_the_instance_is_known()
    {
        File.WriteAllText(JournalPath,
            "{\"instance_id\":\"ins_dev\",\"pool\":\"p_1\",\"external_id\":\"s1\",\"status\":\"Created\",\"clerk_user_id\":\"user_1\"}\n",
            new UTF8Encoding(false));
        using MigrationJournal journal = MigrationJournal.Open(JournalPath);

        journal.BindInstance("ins_prod");

        Assert.False(journal.TryGetFinished("p_1", "s1", null, out _));
        journal.Append(new MigrationJournalRecord { UserPoolId = "p_1", ExternalId = "s1", Status = "Created", ClerkUserId = "user_9" });
        Assert.True(journal.TryGetFinished("p_1", "s1", null, out JournalClaim? claim));
        Assert.Equal("ins_prod", claim!.InstanceId);
        Assert.Contains("\"instance_id\":\"ins_prod\"", File.ReadAllLines(JournalPath).Last());
    }

    [Fact]
    public void Unreadable_lines_in_the_middle_are_told_apart_from_a_torn_last_line()
    {
        string good = "{\"pool\":\"p_1\",\"external_id\":\"s1\",\"status\":\"Created\"}";
        File.WriteAllText(JournalPath, good + "\n\u0000\u0000garbage\n" + good + "\nnot json either\n" + good + "\n{\"pool\":\"p_1\",\"ext", new UTF8Encoding(false));

        using MigrationJournal journal = MigrationJournal.Open(JournalPath);

        Assert.Equal(3, journal.IgnoredLines);
        Assert.Equal(2, journal.IgnoredLinesBeforeLast);
        Assert.Equal(new[] { 2, 4, 6 }, journal.IgnoredLineNumbers);
    }

    [Fact]
    public void A_missing_folder_is_not_reported_as_a_journal_in_use()
    {
        string path = Path.Combine(_directory, "no-such-folder", "migration.jsonl");

        var error = Assert.Throws<MigrationJournalException>(() => MigrationJournal.Open(path));

        Assert.Contains("does not exist", error.Message);
        Assert.DoesNotContain("in use", error.Message);
    }

    [Fact]
    public void A_folder_that_cannot_hold_the_journal_is_not_reported_as_a_journal_in_use()
    {
        // A file where the folder should be: as unwritable as a read-only mount, on every OS and even as root.
        string notAFolder = Path.Combine(_directory, "a-file");
        File.WriteAllText(notAFolder, "x");

        var error = Assert.Throws<MigrationJournalException>(() => MigrationJournal.Open(Path.Combine(notAFolder, "migration.jsonl")));

        Assert.DoesNotContain("in use", error.Message);
        Assert.Contains("-JournalPath", error.Message);
    }

    [Fact]
    public void Only_a_lock_that_exists_or_a_sharing_violation_is_a_journal_in_use()
    {
        Assert.False(MigrationJournal.IsLockConflict(new IOException("Read-only file system"), lockExisted: false));
        Assert.True(MigrationJournal.IsLockConflict(new IOException("The process cannot access the file", unchecked((int)0x80070020)), lockExisted: false));
        Assert.True(MigrationJournal.IsLockConflict(new IOException("Resource temporarily unavailable"), lockExisted: true));
    }
}
