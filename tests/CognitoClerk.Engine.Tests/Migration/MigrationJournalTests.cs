using System.Text;
using System.Text.Json;
using CognitoClerk.Engine.Migration;
using Xunit;
using static CognitoClerk.Engine.Tests.Migration.RunnerDriver;

namespace CognitoClerk.Engine.Tests.Migration;

public sealed class MigrationJournalTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cognitoclerk-journal-" + Guid.NewGuid().ToString("N"));

    public MigrationJournalTests() => Directory.CreateDirectory(_directory);

    private string JournalPath => Path.Combine(_directory, "migration.jsonl");

    [Fact]
    public void A_rerun_with_the_journal_confirms_finished_users_in_the_one_lookup_and_retries_the_others()
    {
        var clerk = new InMemoryClerkBackendApi();
        clerk.Seed("auth0|other", "user5@example.com");
        clerk.CreateFaults["sub-000007"] = CreateFault.ServerError;
        using (var journal = MigrationJournal.Open(JournalPath))
        using (var first = new MigrationRunner(clerk, new MigrationRunnerOptions { Journal = journal }))
        {
            var firstOutcomes = RunAll(first, Users(20));
            Assert.Equal(18, firstOutcomes.Count(o => o.Status == MigrationStatus.Created));
        }

        int callsAfterFirst = clerk.TotalCalls;
        List<MigrationOutcome> second;
        using (var journal = MigrationJournal.Open(JournalPath))
        using (var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { Journal = journal }))
        {
            Assert.Equal(20, journal.RecordsRead);
            Assert.Equal(18, journal.FinishedUserCount);
            second = RunAll(runner, Users(20));
        }

        Assert.Equal(20, second.Count);
        var byUser = second.ToDictionary(o => (int)o.Item.State!);
        Assert.Equal(18, second.Count(o => o.FromJournal));
        Assert.All(second.Where(o => o.FromJournal), o => Assert.Equal(MigrationStatus.AlreadyMigrated, o.Status));
        Assert.All(second.Where(o => o.FromJournal), o => Assert.StartsWith("user_", o.ClerkUserId));

        // The journaled users are confirmed in the same lookup batch as the others (no call of their own); the
        // conflict and the failure are tried again (one lookup batch, two creates, the conflict's follow-up lookups).
        Assert.Equal(MigrationStatus.Conflict, byUser[5].Status);
        Assert.False(byUser[5].FromJournal);
        Assert.Equal(MigrationStatus.Created, byUser[7].Status);
        Assert.False(byUser[7].FromJournal);
        Assert.Equal(2 + 1 + 2, clerk.TotalCalls - callsAfterFirst);
        Assert.Equal(20, clerk.Users.Count);
    }

    [Fact]
    public void Records_are_one_small_JSON_object_per_line_without_secrets_or_payload()
    {
        var clerk = new InMemoryClerkBackendApi();
        clerk.CreateFaults["sub-000001"] = CreateFault.Rejected;
        using (var journal = MigrationJournal.Open(JournalPath))
        using (var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { Journal = journal }))
        {
            RunAll(runner, Users(3));
        }

        string[] lines = File.ReadAllLines(JournalPath);
        Assert.Equal(3, lines.Length);
        foreach (string line in lines)
        {
            using var doc = JsonDocument.Parse(line);
            var names = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
            Assert.Subset(new HashSet<string> { "time", "pool", "username", "external_id", "status", "clerk_user_id", "conflicting_clerk_user_id", "error_code", "trace_id" }, names.ToHashSet());
            Assert.DoesNotContain("awscognito", line);
            Assert.DoesNotContain("@example.com", line);
            Assert.True(DateTime.TryParse(doc.RootElement.GetProperty("time").GetString(), out _));
        }

        using var failed = JsonDocument.Parse(lines.Single(l => l.Contains("sub-000001")));
        Assert.Equal("Failed", failed.RootElement.GetProperty("status").GetString());
        Assert.Equal("form_param_format_invalid", failed.RootElement.GetProperty("error_code").GetString());
        Assert.Equal("trace-rejected", failed.RootElement.GetProperty("trace_id").GetString());
        Assert.Equal("us-east-1_TEST", failed.RootElement.GetProperty("pool").GetString());
        Assert.Equal("cognito-user-1", failed.RootElement.GetProperty("username").GetString());
    }

    [Fact]
    public void A_torn_last_line_is_ignored_and_the_next_record_starts_on_its_own_line()
    {
        string good = "{\"time\":\"2026-01-01T00:00:00.0000000Z\",\"pool\":\"us-east-1_TEST\",\"username\":\"cognito-user-1\",\"external_id\":\"sub-000001\",\"status\":\"Created\",\"clerk_user_id\":\"user_old1\"}";
        string torn = "{\"time\":\"2026-01-01T00:00:01.0000000Z\",\"pool\":\"us-east-1_TEST\",\"username\":\"cognito-user-2\",\"external_id\":\"sub-0000";
        File.WriteAllText(JournalPath, good + "\n" + torn, new UTF8Encoding(false));

        var clerk = new InMemoryClerkBackendApi();
        clerk.Seed("sub-000001", "user1@example.com");
        List<MigrationOutcome> outcomes;
        using (var journal = MigrationJournal.Open(JournalPath))
        {
            Assert.Equal(1, journal.RecordsRead);
            Assert.Equal(1, journal.IgnoredLines);
            using var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { Journal = journal });
            outcomes = RunAll(runner, Users(3));
        }

        // The journal's claim is confirmed with Clerk, and Clerk's answer (not the line) names the user.
        var byUser = outcomes.ToDictionary(o => (int)o.Item.State!);
        Assert.True(byUser[1].FromJournal);
        Assert.Equal(MigrationStatus.AlreadyMigrated, byUser[1].Status);
        Assert.Equal(clerk.Users.Single(u => u.ExternalId == "sub-000001").Id, byUser[1].ClerkUserId);

        // User 2 was in flight when the earlier run died: no complete record, so it is created now.
        Assert.Equal(MigrationStatus.Created, byUser[2].Status);

        string[] lines = File.ReadAllLines(JournalPath);
        Assert.Equal(good, lines[0]);
        Assert.Equal(torn, lines[1]);
        Assert.Equal(4, lines.Length);
        Assert.All(lines.Skip(2), l => JsonDocument.Parse(l).Dispose());

        using var reopened = MigrationJournal.Open(JournalPath);
        Assert.Equal(3, reopened.RecordsRead);
        Assert.Equal(1, reopened.IgnoredLines);
        Assert.Equal(3, reopened.FinishedUserCount);
    }

    [Fact]
    public void A_user_in_flight_when_the_process_died_is_AlreadyMigrated_on_the_rerun()
    {
        // The earlier run stored user 1 in Clerk and died before writing its record.
        var clerk = new InMemoryClerkBackendApi();
        clerk.Seed("sub-000001", "user1@example.com");
        File.WriteAllText(JournalPath, string.Empty);

        using var journal = MigrationJournal.Open(JournalPath);
        using var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { Journal = journal });
        var outcomes = RunAll(runner, Users(2)).ToDictionary(o => (int)o.Item.State!);

        Assert.Equal(MigrationStatus.AlreadyMigrated, outcomes[1].Status);
        Assert.False(outcomes[1].FromJournal);
        Assert.Equal(2, clerk.Users.Count);
    }

    [Fact]
    public void Two_runs_cannot_write_one_journal_at_the_same_time()
    {
        using var first = MigrationJournal.Open(JournalPath);

        var ex = Assert.Throws<MigrationJournalException>(() => MigrationJournal.Open(JournalPath));

        Assert.Contains("in use", ex.Message);
        first.Dispose();
        using var afterwards = MigrationJournal.Open(JournalPath);
        Assert.Equal(0, afterwards.RecordsRead);
    }

    [Fact]
    public void Reading_for_WhatIf_finds_finished_users_and_writes_nothing()
    {
        using (var journal = MigrationJournal.Open(JournalPath))
        {
            journal.Append(new MigrationJournalRecord { UserPoolId = "p", ExternalId = "sub-1", CognitoUsername = "a", Status = "AlreadyMigrated", ClerkUserId = "user_1" });
            journal.Append(new MigrationJournalRecord { UserPoolId = "p", ExternalId = "sub-2", CognitoUsername = "b", Status = "Failed", ErrorCode = "x" });
            journal.Append(new MigrationJournalRecord { UserPoolId = "p", CognitoUsername = "c", Status = "Created", ClerkUserId = "user_3" });
        }

        long length = new FileInfo(JournalPath).Length;
        using var reader = MigrationJournal.OpenForReading(JournalPath)!;
        reader.Append(new MigrationJournalRecord { UserPoolId = "p", ExternalId = "sub-9", Status = "Created" });

        Assert.True(reader.TryGetFinished("p", "sub-1", "renamed", out var one));
        Assert.Equal("user_1", one!.ClerkUserId);
        Assert.False(reader.TryGetFinished("p", "sub-2", "b", out _));
        Assert.False(reader.TryGetFinished("other-pool", "sub-1", "a", out _));
        Assert.True(reader.TryGetFinished("p", null, "c", out var three));
        Assert.Equal(MigrationStatus.Created, three!.Status);
        Assert.Equal(length, new FileInfo(JournalPath).Length);
        Assert.Null(MigrationJournal.OpenForReading(Path.Combine(_directory, "none.jsonl")));
    }

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
}
