using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Removal;
using CognitoClerk.Engine.Tests.Migration;
using Xunit;
using static CognitoClerk.Engine.Tests.Migration.RunnerDriver;

namespace CognitoClerk.Engine.Tests.Removal;

/// <summary>The removal engine against the in-memory Clerk: it reads before it deletes, and deletes only what qualifies.</summary>
public sealed class MigratedUserRemoverTests
{
    private static readonly DateTimeOffset SignedInAt = new(2026, 8, 1, 10, 22, 0, TimeSpan.Zero);

    [Fact]
    public async Task Only_users_who_never_signed_in_and_still_carry_their_sub_are_removed()
    {
        var clerk = new InMemoryClerkBackendApi();
        List<RemovalCandidate> created = Migrate(clerk, 6);
        clerk.SignIn(created[1].ClerkUserId, SignedInAt);
        clerk.ChangeExternalId(created[2].ClerkUserId, "someone-else");
        clerk.DeleteOutOfBand(created[3].ClerkUserId);
        var remover = new MigratedUserRemover(clerk, force: false);

        Dictionary<string, RemovalOutcome> outcomes = await RunAsync(remover, created);

        Assert.Equal(RemovalStatus.Removed, outcomes[created[0].ClerkUserId].Status);
        Assert.Equal(RemovalStatus.Removed, outcomes[created[4].ClerkUserId].Status);
        Assert.Equal(RemovalStatus.Removed, outcomes[created[5].ClerkUserId].Status);

        RemovalOutcome signedIn = outcomes[created[1].ClerkUserId];
        Assert.Equal(RemovalStatus.Kept, signedIn.Status);
        Assert.Equal(RemovalErrorIds.ClerkUserSignedIn, signedIn.ErrorId);
        Assert.Equal(SignedInAt, signedIn.LastSignInAt);
        Assert.Contains("2026-08-01 10:22 UTC", signedIn.Reason, StringComparison.Ordinal);
        Assert.Contains("they use Clerk now", signedIn.Reason, StringComparison.Ordinal);

        RemovalOutcome changed = outcomes[created[2].ClerkUserId];
        Assert.Equal(RemovalStatus.Kept, changed.Status);
        Assert.Equal(RemovalErrorIds.ClerkUserChanged, changed.ErrorId);
        Assert.Equal("someone-else", changed.CurrentExternalId);

        Assert.Equal(RemovalStatus.NotFound, outcomes[created[3].ClerkUserId].Status);
        Assert.Null(outcomes[created[3].ClerkUserId].ErrorId);

        Assert.Equal(new[] { created[1].ClerkUserId, created[2].ClerkUserId }.OrderBy(x => x), clerk.Users.Select(u => u.Id).OrderBy(x => x));
        Assert.Equal(3, clerk.DeleteCalls);
        Assert.Equal(1, clerk.UserIdLookupCalls);
    }

    [Fact]
    public async Task Force_removes_users_who_signed_in_but_never_one_whose_external_id_changed()
    {
        var clerk = new InMemoryClerkBackendApi();
        List<RemovalCandidate> created = Migrate(clerk, 2);
        clerk.SignIn(created[0].ClerkUserId, SignedInAt);
        clerk.SignIn(created[1].ClerkUserId, SignedInAt);
        clerk.ChangeExternalId(created[1].ClerkUserId, null);

        Dictionary<string, RemovalOutcome> outcomes = await RunAsync(new MigratedUserRemover(clerk, force: true), created);

        Assert.Equal(RemovalStatus.Removed, outcomes[created[0].ClerkUserId].Status);
        Assert.Contains("signed in on 2026-08-01 10:22 UTC", outcomes[created[0].ClerkUserId].Reason, StringComparison.Ordinal);
        Assert.Equal(RemovalStatus.Kept, outcomes[created[1].ClerkUserId].Status);
        Assert.Equal(RemovalErrorIds.ClerkUserChanged, outcomes[created[1].ClerkUserId].ErrorId);
        Assert.Single(clerk.Users);
    }

    [Fact]
    public async Task Users_are_read_in_batches_of_at_most_100_ids()
    {
        var clerk = new InMemoryClerkBackendApi();
        List<RemovalCandidate> created = Migrate(clerk, 250);
        var remover = new MigratedUserRemover(clerk, force: false);

        foreach (RemovalCandidate[] batch in created.Chunk(MigratedUserRemover.LookupBatchSize))
        {
            await RunAsync(remover, batch);
        }

        Assert.Equal(new[] { 100, 100, 50 }, clerk.UserIdLookupSizes);
        Assert.Empty(clerk.Users);
        Assert.Equal(250, remover.DeleteCalls);
    }

    [Fact]
    public async Task When_Clerk_cannot_be_read_nothing_is_deleted()
    {
        var clerk = new InMemoryClerkBackendApi();
        List<RemovalCandidate> created = Migrate(clerk, 3);
        clerk.FailLookups = true;

        Dictionary<string, RemovalOutcome> outcomes = await RunAsync(new MigratedUserRemover(clerk, force: false), created);

        Assert.All(outcomes.Values, o =>
        {
            Assert.Equal(RemovalStatus.Failed, o.Status);
            Assert.Equal(RemovalErrorIds.LookupFailed, o.ErrorId);
        });
        Assert.Equal(0, clerk.DeleteCalls);
        Assert.Equal(3, clerk.Users.Count);
    }

    [Fact]
    public async Task A_refused_deletion_is_that_users_failure_and_a_user_gone_by_then_is_NotFound()
    {
        var clerk = new InMemoryClerkBackendApi();
        List<RemovalCandidate> created = Migrate(clerk, 3);
        clerk.DeleteFaults[created[0].ClerkUserId] = new ClerkApiException(409, "user_managed_by_scim", "managed by SCIM", "This user is managed by directory sync.", null, "trace-409");
        var remover = new MigratedUserRemover(clerk, force: false);
        IReadOnlyList<RemovalCheck> checks = await remover.CheckAsync(created, default);
        clerk.DeleteOutOfBand(created[1].ClerkUserId);

        RemovalOutcome refused = await remover.RemoveAsync(checks[0], default);
        RemovalOutcome gone = await remover.RemoveAsync(checks[1], default);
        RemovalOutcome removed = await remover.RemoveAsync(checks[2], default);

        Assert.Equal(RemovalStatus.Failed, refused.Status);
        Assert.Equal(RemovalErrorIds.DeleteRefused, refused.ErrorId);
        Assert.Equal("user_managed_by_scim", refused.ErrorCode);
        Assert.Equal("trace-409", refused.TraceId);
        Assert.Equal(RemovalStatus.NotFound, gone.Status);
        Assert.Equal(RemovalStatus.Removed, removed.Status);
    }

    [Fact]
    public async Task A_rejected_key_ends_the_run_instead_of_failing_user_after_user()
    {
        var clerk = new InMemoryClerkBackendApi();
        List<RemovalCandidate> created = Migrate(clerk, 1);
        clerk.RejectKey = true;

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => new MigratedUserRemover(clerk, force: false).CheckAsync(created, default));

        Assert.True(error.IsAuthenticationFailure);
    }

    [Fact]
    public void A_removal_recorded_in_the_journal_lets_the_next_migration_create_the_user_again_and_the_next_removal_skip_it()
    {
        string path = Path.Combine(Path.GetTempPath(), "cognitoclerk-removal-" + Guid.NewGuid().ToString("N") + ".jsonl");
        try
        {
            var clerk = new InMemoryClerkBackendApi();
            using (var journal = MigrationJournal.Open(path))
            {
                journal.InstanceId = "ins_one";
                using var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { Journal = journal });
                RunAll(runner, Users(4));
            }

            RemovalCandidate removedOne;
            using (var journal = MigrationJournal.Open(path))
            {
                Assert.Equal(4, journal.FinishedUserCount);
                CreatedUserLedger ledger = CreatedUserLedger.From(journal.ReadRecords());
                Assert.Equal(4, ledger.Count);
                removedOne = ledger.Split("ins_one").ThisInstance.First();
                Assert.Equal("ins_one", removedOne.InstanceId);
                journal.Append(new MigrationJournalRecord
                {
                    Operation = MigrationJournal.RemoveOperation,
                    Status = MigrationJournal.RemovedStatus,
                    UserPoolId = removedOne.UserPoolId,
                    ExternalId = removedOne.ExternalId,
                    CognitoUsername = removedOne.CognitoUsername,
                    ClerkUserId = removedOne.ClerkUserId,
                });
                clerk.DeleteOutOfBand(removedOne.ClerkUserId);
            }

            List<MigrationOutcome> again;
            using (var journal = MigrationJournal.Open(path))
            {
                Assert.Equal(3, journal.FinishedUserCount);
                Assert.Equal(3, CreatedUserLedger.From(journal.ReadRecords()).Count);
                using var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { Journal = journal });
                again = RunAll(runner, Users(4));
            }

            MigrationOutcome recreated = Assert.Single(again, o => !o.FromJournal);
            Assert.Equal(MigrationStatus.Created, recreated.Status);
            Assert.Equal(removedOne.ExternalId, recreated.Item.ExternalId);
            Assert.NotEqual(removedOne.ClerkUserId, recreated.ClerkUserId);
            using (var journal = MigrationJournal.Open(path))
            {
                // The re-created user is a candidate again, under its new Clerk id.
                CreatedUserLedger ledger = CreatedUserLedger.From(journal.ReadRecords());
                Assert.Equal(4, ledger.Count);
                Assert.Contains(ledger.Split("ins_one").ThisInstance, c => c.ClerkUserId == recreated.ClerkUserId);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Creates users through the real runner and returns what the journal would record for each.</summary>
    private static List<RemovalCandidate> Migrate(InMemoryClerkBackendApi clerk, int count)
    {
        using var runner = new MigrationRunner(clerk);
        return RunAll(runner, Users(count))
            .OrderBy(o => (int)o.Item.State!)
            .Select(o => new RemovalCandidate(o.ClerkUserId!, o.Item.ExternalId, o.Item.CognitoUsername, o.Item.UserPoolId))
            .ToList();
    }

    private static async Task<Dictionary<string, RemovalOutcome>> RunAsync(MigratedUserRemover remover, IReadOnlyList<RemovalCandidate> candidates)
    {
        var outcomes = new Dictionary<string, RemovalOutcome>();
        foreach (RemovalCheck check in await remover.CheckAsync(candidates, default))
        {
            RemovalOutcome outcome = await remover.RemoveAsync(check, default);
            outcomes.Add(outcome.Candidate.ClerkUserId, outcome);
        }

        return outcomes;
    }
}
