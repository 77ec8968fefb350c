using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Tests.Readiness;
using Xunit;
using static CognitoClerk.Engine.Tests.Migration.RunnerDriver;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>
/// The run New-ClerkMigratedUser used to share with the runner: the journal, connecting, the rate, the
/// concurrency, skips and counts now belong to one engine object, tested here without a runspace.
/// </summary>
public sealed class MigrationSessionTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cognitoclerk-session-" + Guid.NewGuid().ToString("N"));

    public MigrationSessionTests() => Directory.CreateDirectory(_directory);

    private string JournalPath => Path.Combine(_directory, "migration.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_run_sizes_its_concurrency_from_the_instances_rate_and_counts_every_outcome()
    {
        var clerk = new InMemoryClerkBackendApi { RequestsPer10Seconds = 1000 };
        using var session = MigrationSession.Open(JournalPath, isDryRun: false);

        ClerkInstanceInfo? instance = session.DiscoverInstanceAsync(clerk, CancellationToken.None).GetAwaiter().GetResult();
        MigrationStart start = session.StartAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        var outcomes = Drain(session, Users(30));

        Assert.Equal("ins_fake", instance!.Id);
        Assert.Equal((1000, 100), (start.RequestsPer10Seconds, start.ThrottleLimit));
        Assert.Equal(30, outcomes.Count(o => o.Status == MigrationStatus.Created));
        MigrationTally tally = session.Tally;
        Assert.Equal((30, 30, 0), (tally.Reported, tally.Count(MigrationStatus.Created), tally.InFlight));
        Assert.Equal(30, tally.CreateCalls);
        Assert.Equal("Created 30", tally.ToString());
    }

    [Fact]
    public void An_explicit_throttle_limit_wins_over_the_recommended_one()
    {
        using var session = MigrationSession.Open(null, isDryRun: false);
        session.DiscoverInstanceAsync(new InMemoryClerkBackendApi(), CancellationToken.None).GetAwaiter().GetResult();

        Assert.Equal(3, session.StartAsync(3, CancellationToken.None).GetAwaiter().GetResult().ThrottleLimit);
    }

    [Fact]
    public void Skips_are_journaled_and_counted_and_finished_users_are_confirmed_by_the_lookup_not_sent_again()
    {
        var clerk = new InMemoryClerkBackendApi();
        using (var first = MigrationSession.Open(JournalPath, isDryRun: false))
        {
            first.DiscoverInstanceAsync(clerk, CancellationToken.None).GetAwaiter().GetResult();
            first.StartAsync(null, CancellationToken.None).GetAwaiter().GetResult();
            Drain(first, Users(2));
            first.RecordSkip(MigrationCandidate.NotSendable(new MigrationSkip(MigrationErrorIds.CognitoUserDisabled, "disabled"), null, "carl", "us-east-1_TEST", null, "sub-carl"));
            Assert.Equal("Created 2, Skipped 1", first.Tally.ToString());
        }

        // A real run takes no journal line on trust: the claim goes through the lookup every user goes through.
        int createsAfterFirst = clerk.CreateCalls;
        using var second = MigrationSession.Open(JournalPath, isDryRun: false);
        Assert.Null(second.FinishedEarlier(User(1)));
        second.DiscoverInstanceAsync(clerk, CancellationToken.None).GetAwaiter().GetResult();
        second.StartAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        var outcomes = Drain(second, new[] { User(1), User(7) }).ToDictionary(o => (int)o.Item.State!);

        Assert.Equal(MigrationStatus.AlreadyMigrated, outcomes[1].Status);
        Assert.True(outcomes[1].FromJournal);
        Assert.StartsWith("user_", outcomes[1].ClerkUserId);
        Assert.Equal(MigrationStatus.Created, outcomes[7].Status);
        Assert.Equal(createsAfterFirst + 1, clerk.CreateCalls);
        Assert.Equal("Created 1, AlreadyMigrated 1", second.Tally.ToString());

        string skipped = File.ReadAllLines(JournalPath).Single(l => l.Contains("\"Skipped\"", StringComparison.Ordinal));
        Assert.Contains("\"username\":\"carl\"", skipped);
        Assert.Contains("\"error_code\":\"CognitoUserDisabled\"", skipped);
    }

    [Fact]
    public void A_dry_run_reads_the_journal_writes_nothing_and_never_needs_Clerk()
    {
        using (var earlier = MigrationSession.Open(JournalPath, isDryRun: false))
        {
            earlier.DiscoverInstanceAsync(new InMemoryClerkBackendApi(), CancellationToken.None).GetAwaiter().GetResult();
            earlier.StartAsync(null, CancellationToken.None).GetAwaiter().GetResult();
            Drain(earlier, Users(1));
        }

        string before = File.ReadAllText(JournalPath);
        using var dryRun = MigrationSession.Open(JournalPath, isDryRun: true);
        Assert.NotNull(dryRun.FinishedEarlier(User(0)));
        dryRun.RecordSkip(MigrationCandidate.NotSendable(new MigrationSkip(MigrationErrorIds.DigestInvalid, "bad"), null));
        dryRun.RecordNotSent(User(1));
        dryRun.RecordNotSent(User(2));
        dryRun.Complete();

        Assert.True(dryRun.IsFinished);
        Assert.False(dryRun.IsStarted);
        // The journal's claim, reported as the earlier run's AlreadyMigrated (a dry run cannot confirm it with Clerk).
        Assert.Equal("AlreadyMigrated 1, Skipped 1, would create 2", dryRun.Tally.ToString());
        Assert.Null(dryRun.Tally.CreateCalls);
        Assert.Equal(before, File.ReadAllText(JournalPath));
        Assert.Null(MigrationSession.Open(Path.Combine(_directory, "none.jsonl"), isDryRun: true).Journal);
    }

    [Fact]
    public void An_instance_that_cannot_be_read_is_kept_as_a_failure_and_a_refused_key_throws()
    {
        var proxy = new FakeClerk { InstanceFailure = new ClerkApiException(404, "resource_not_found", "Not found", null, null, null) };
        using (var session = MigrationSession.Open(null, isDryRun: false))
        {
            Assert.Null(session.DiscoverInstanceAsync(proxy, CancellationToken.None).GetAwaiter().GetResult());
            Assert.Equal(404, session.InstanceFailure!.StatusCode);
            Assert.Equal(100, session.StartAsync(null, CancellationToken.None).GetAwaiter().GetResult().RequestsPer10Seconds);
        }

        using var refused = MigrationSession.Open(null, isDryRun: false);
        var ex = Assert.Throws<ClerkApiException>(() => refused.DiscoverInstanceAsync(new InMemoryClerkBackendApi { RejectKey = true }, CancellationToken.None).GetAwaiter().GetResult());
        Assert.True(ex.IsAuthenticationFailure);
    }

    [Fact]
    public void Only_a_candidate_that_cannot_be_sent_is_recorded_as_a_skip()
    {
        using var session = MigrationSession.Open(null, isDryRun: false);
        MigrationCandidate sendable = MigrationCandidate.FromPayload(User(1).Request, null, null, null);

        Assert.Throws<ArgumentException>(() => session.RecordSkip(sendable));
        Assert.Throws<InvalidOperationException>(() => session.TryPost(User(1)));
    }

    private static List<MigrationOutcome> Drain(MigrationSession session, IEnumerable<MigrationWorkItem> items)
    {
        var outcomes = new List<MigrationOutcome>();
        foreach (MigrationWorkItem item in items)
        {
            while (!session.TryPost(item))
            {
                if (session.TryTakeOutcome(TimeSpan.FromMilliseconds(50), CancellationToken.None, out MigrationOutcome? early))
                {
                    outcomes.Add(early!);
                }
            }
        }

        session.Complete();
        var deadline = DateTime.UtcNow + Generous;
        while (!session.IsFinished && DateTime.UtcNow < deadline)
        {
            if (session.TryTakeOutcome(TimeSpan.FromMilliseconds(50), CancellationToken.None, out MigrationOutcome? outcome))
            {
                outcomes.Add(outcome!);
            }
        }

        return outcomes;
    }
}
