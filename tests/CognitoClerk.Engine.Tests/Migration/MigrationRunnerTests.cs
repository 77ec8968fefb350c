using System.Diagnostics;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;
using Xunit;
using static CognitoClerk.Engine.Tests.Migration.RunnerDriver;

namespace CognitoClerk.Engine.Tests.Migration;

public class MigrationRunnerTests
{
    [Fact]
    public void Every_user_is_created_once_with_one_outcome_each_and_lookups_in_batches_of_at_most_100()
    {
        var clerk = new InMemoryClerkBackendApi();
        using var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { ThrottleLimit = 8 });

        var outcomes = RunAll(runner, Users(1050));

        Assert.Equal(1050, outcomes.Count);
        Assert.Equal(Enumerable.Range(0, 1050), outcomes.Select(o => (int)o.Item.State!).OrderBy(i => i));
        Assert.All(outcomes, o => Assert.Equal(MigrationStatus.Created, o.Status));
        Assert.Equal(1050, clerk.Users.Select(u => u.ExternalId).Distinct().Count());
        Assert.Equal(1050, clerk.CreateCalls);
        Assert.All(clerk.ExternalIdLookupSizes, size => Assert.InRange(size, 1, 100));
        Assert.Equal(1050, clerk.ExternalIdLookupSizes.Sum());

        // Input streams faster than Clerk: batches fill, so about one lookup per hundred users.
        Assert.InRange(clerk.ExternalIdLookupCalls, 11, 20);
        Assert.All(outcomes, o => Assert.StartsWith("user_", o.ClerkUserId));
    }

    [Fact]
    public void Lookups_stay_in_full_batches_when_back_pressure_lets_input_in_only_as_fast_as_Clerk_answers()
    {
        // 4 slots at 20 ms: 200 creates/s, so 100 users arrive over half a second, far longer than the linger tick.
        var clerk = new InMemoryClerkBackendApi { Latency = TimeSpan.FromMilliseconds(20) };
        using var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { ThrottleLimit = 4, LookupLinger = TimeSpan.FromMilliseconds(20) });

        var outcomes = RunAll(runner, Users(1000));

        Assert.Equal(1000, outcomes.Count(o => o.Status == MigrationStatus.Created));
        Assert.True(clerk.ExternalIdLookupCalls is >= 10 and <= 11, "Batch sizes: " + string.Join(",", clerk.ExternalIdLookupSizes));
    }

    [Fact]
    public void A_partly_filled_batch_goes_out_when_creates_would_otherwise_idle()
    {
        var clerk = new InMemoryClerkBackendApi();
        using var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { ThrottleLimit = 4 });

        // Five users and no Complete(): nothing else is coming for a while, and the slots are free.
        for (int i = 0; i < 5; i++)
        {
            Assert.True(runner.TryPost(User(i)));
        }

        var outcomes = new List<MigrationOutcome>();
        while (outcomes.Count < 5 && runner.TryTakeOutcome(Generous, CancellationToken.None, out MigrationOutcome? outcome))
        {
            outcomes.Add(outcome!);
        }

        Assert.Equal(5, outcomes.Count(o => o.Status == MigrationStatus.Created));
        Assert.Equal(1, clerk.ExternalIdLookupCalls);
    }

    [Fact]
    public void A_user_already_in_Clerk_with_its_external_id_is_AlreadyMigrated_without_a_create()
    {
        var clerk = new InMemoryClerkBackendApi();
        ClerkUser earlier = clerk.Seed("sub-000001", "user1@example.com");
        using var runner = new MigrationRunner(clerk);

        var outcomes = RunAll(runner, Users(3));

        MigrationOutcome one = outcomes.Single(o => (int)o.Item.State! == 1);
        Assert.Equal(MigrationStatus.AlreadyMigrated, one.Status);
        Assert.Equal(earlier.Id, one.ClerkUserId);
        Assert.Equal(2, clerk.CreateCalls);
        Assert.Equal(3, clerk.Users.Count);
    }

    [Theory]
    [InlineData(CreateFault.AnswerLostThenRetried)]
    [InlineData(CreateFault.AnswerLostAfterRetries)]
    [InlineData(CreateFault.TimeoutAfterStore)]
    public void A_create_whose_answer_was_lost_is_neither_a_duplicate_nor_a_failure(CreateFault fault)
    {
        var clerk = new InMemoryClerkBackendApi();
        clerk.CreateFaults["sub-000002"] = fault;
        using var runner = new MigrationRunner(clerk);

        var outcomes = RunAll(runner, Users(5));

        MigrationOutcome lost = outcomes.Single(o => (int)o.Item.State! == 2);
        Assert.Equal(MigrationStatus.AlreadyMigrated, lost.Status);
        Assert.Equal(clerk.Users.Single(u => u.ExternalId == "sub-000002").Id, lost.ClerkUserId);
        Assert.Equal(5, clerk.Users.Count);
        Assert.Equal(4, outcomes.Count(o => o.Status == MigrationStatus.Created));
    }

    [Fact]
    public void An_email_held_by_a_Clerk_user_with_another_external_id_is_a_Conflict_naming_both()
    {
        var clerk = new InMemoryClerkBackendApi();
        ClerkUser someoneElse = clerk.Seed("auth0|other", "user3@example.com");
        using var runner = new MigrationRunner(clerk);

        var outcomes = RunAll(runner, Users(4));

        MigrationOutcome conflict = outcomes.Single(o => (int)o.Item.State! == 3);
        Assert.Equal(MigrationStatus.Conflict, conflict.Status);
        Assert.Equal(MigrationErrorIds.IdentifierConflict, conflict.ErrorId);
        Assert.Equal("form_identifier_exists", conflict.ErrorCode);
        Assert.Equal(someoneElse.Id, conflict.ConflictingClerkUserId);
        Assert.Null(conflict.ClerkUserId);
        Assert.Contains("cognito-user-3", conflict.Reason);
        Assert.Contains(someoneElse.Id, conflict.Reason);
        Assert.Contains("user3@example.com", conflict.Reason);
        Assert.DoesNotContain(clerk.Users, u => u.ExternalId == "sub-000003");
    }

    [Fact]
    public void A_duplicate_that_cannot_be_attributed_is_AlreadyExists()
    {
        var clerk = new InMemoryClerkBackendApi();
        clerk.Seed("someone", "someone@example.com", username: "taken");
        using var runner = new MigrationRunner(clerk);

        var outcomes = RunAll(runner, new[] { User(1, username: "taken") });

        MigrationOutcome outcome = Assert.Single(outcomes);
        Assert.Equal(MigrationStatus.AlreadyExists, outcome.Status);
        Assert.Equal(MigrationErrorIds.IdentifierExists, outcome.ErrorId);
        Assert.Contains("username", outcome.Reason);
        Assert.Equal("trace-dup", outcome.TraceId);
    }

    [Fact]
    public void The_same_user_twice_in_the_input_is_created_once()
    {
        var clerk = new InMemoryClerkBackendApi();
        using var runner = new MigrationRunner(clerk);

        var outcomes = RunAll(runner, new[] { User(7), User(7), User(8) });

        Assert.Equal(3, outcomes.Count);
        Assert.Equal(2, clerk.Users.Count);
        var sevens = outcomes.Where(o => (int)o.Item.State! == 7).Select(o => o.Status).OrderBy(s => s).ToList();
        Assert.Equal(new[] { MigrationStatus.Created, MigrationStatus.AlreadyMigrated }, sevens);
    }

    [Fact]
    public void Re_running_the_same_input_creates_nothing_new()
    {
        var clerk = new InMemoryClerkBackendApi();
        using (var first = new MigrationRunner(clerk))
        {
            RunAll(first, Users(250));
        }

        int createsAfterFirst = clerk.CreateCalls;
        using var second = new MigrationRunner(clerk);
        var outcomes = RunAll(second, Users(250));

        Assert.All(outcomes, o => Assert.Equal(MigrationStatus.AlreadyMigrated, o.Status));
        Assert.Equal(createsAfterFirst, clerk.CreateCalls);
        Assert.Equal(250, clerk.Users.Count);
    }

    [Fact]
    public void Payload_rejections_and_exhausted_retries_are_Failed_with_Clerk_code_and_trace_and_the_run_goes_on()
    {
        var clerk = new InMemoryClerkBackendApi();
        clerk.CreateFaults["sub-000001"] = CreateFault.Rejected;
        clerk.CreateFaults["sub-000002"] = CreateFault.ServerError;
        clerk.CreateFaults["sub-000003"] = CreateFault.TransportFailureBeforeStore;
        using var runner = new MigrationRunner(clerk);

        var outcomes = RunAll(runner, Users(6)).ToDictionary(o => (int)o.Item.State!);

        Assert.Equal(MigrationStatus.Failed, outcomes[1].Status);
        Assert.Equal(MigrationErrorIds.UserRejected, outcomes[1].ErrorId);
        Assert.Equal("form_param_format_invalid", outcomes[1].ErrorCode);
        Assert.Equal("trace-rejected", outcomes[1].TraceId);
        Assert.Equal(422, outcomes[1].HttpStatus);

        Assert.Equal(MigrationStatus.Failed, outcomes[2].Status);
        Assert.Equal(MigrationErrorIds.RequestFailed, outcomes[2].ErrorId);
        Assert.Equal(503, outcomes[2].HttpStatus);

        Assert.Equal(MigrationStatus.Failed, outcomes[3].Status);
        Assert.Equal(MigrationErrorIds.RequestFailed, outcomes[3].ErrorId);
        Assert.IsType<HttpRequestException>(outcomes[3].Exception);

        Assert.Equal(new[] { 0, 4, 5 }, outcomes.Values.Where(o => o.Status == MigrationStatus.Created).Select(o => (int)o.Item.State!).OrderBy(i => i));
    }

    [Fact]
    public void When_lookups_keep_failing_users_are_still_created_once()
    {
        var clerk = new InMemoryClerkBackendApi { FailLookups = true };
        clerk.Seed("sub-000004", "user4@example.com");
        using var runner = new MigrationRunner(clerk);

        var outcomes = RunAll(runner, Users(6)).ToDictionary(o => (int)o.Item.State!);

        Assert.Equal(5, outcomes.Values.Count(o => o.Status == MigrationStatus.Created));

        // The create meets Clerk's uniqueness; the follow-up external_id lookup fails too, the email one does not.
        Assert.Equal(MigrationStatus.AlreadyMigrated, outcomes[4].Status);
        Assert.Equal(6, clerk.Users.Count);
    }

    [Fact]
    public void Requests_in_flight_reach_but_never_exceed_the_throttle_limit()
    {
        var clerk = new InMemoryClerkBackendApi { Latency = TimeSpan.FromMilliseconds(30) };
        using var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { ThrottleLimit = 6 });

        RunAll(runner, Users(300));

        Assert.Equal(6, clerk.MaxInFlight);
    }

    [Fact]
    public void Post_refuses_once_MaxPending_users_wait_to_be_taken_and_accepts_again_after_a_take()
    {
        var clerk = new InMemoryClerkBackendApi();
        using var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { MaxPending = 5, LookupBatchSize = 2 });

        for (int i = 0; i < 5; i++)
        {
            Assert.True(runner.TryPost(User(i)));
        }

        Assert.False(runner.TryPost(User(5)));
        Assert.True(runner.TryTakeOutcome(Generous, CancellationToken.None, out MigrationOutcome? first));
        Assert.NotNull(first);
        Assert.True(runner.TryPost(User(5)));
    }

    [Fact]
    public void A_rejected_key_stops_the_run_once_after_handing_out_what_is_known()
    {
        var clerk = new InMemoryClerkBackendApi();
        var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { ThrottleLimit = 4 });
        var outcomes = RunAll(runner, Users(10));
        Assert.Equal(10, outcomes.Count);

        int callsBefore = clerk.TotalCalls;
        int createsBefore = clerk.CreateCalls;
        clerk.RejectKey = true;
        using var second = new MigrationRunner(clerk, new MigrationRunnerOptions { ThrottleLimit = 4 });
        var aborted = Assert.Throws<MigrationAbortedException>(() => RunAll(second, Users(500, start: 100)));

        var cause = Assert.IsType<ClerkApiException>(aborted.InnerException);
        Assert.True(cause.IsAuthenticationFailure);

        // Stopped at the first answer: a handful of lookups, not one call per user.
        Assert.InRange(clerk.TotalCalls - callsBefore, 1, 10);
        Assert.Equal(createsBefore, clerk.CreateCalls);
        runner.Dispose();
    }

    [Fact]
    public async Task Cancelling_stops_waiting_and_in_flight_calls_promptly()
    {
        var clerk = new InMemoryClerkBackendApi { Hang = true };
        using var cancel = new CancellationTokenSource();
        var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { ThrottleLimit = 8, LookupBatchSize = 10 }, cancel.Token);
        for (int i = 0; i < 30; i++)
        {
            Assert.True(runner.TryPost(User(i)));
        }

        Assert.True(SpinWait.SpinUntil(() => clerk.ExternalIdLookupCalls == 3, Generous));
        Exception? caught = null;
        var waiter = Task.Run(() =>
        {
            try
            {
                runner.TryTakeOutcome(Generous, cancel.Token, out _);
            }
            catch (Exception ex)
            {
                caught = ex;
            }
        });

        cancel.Cancel();
        await waiter.WaitAsync(Generous);
        Assert.IsAssignableFrom<OperationCanceledException>(caught);

        runner.Dispose();
        Assert.Equal(clerk.ExternalIdLookupCalls, clerk.CancelledCalls);
        Assert.Equal(0, clerk.CreateCalls);
    }

    [Fact]
    public void Dispose_during_a_run_returns_quickly_and_cancels_in_flight_creates()
    {
        var clerk = new InMemoryClerkBackendApi { Latency = TimeSpan.FromMinutes(5) };
        var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { ThrottleLimit = 4, LookupBatchSize = 1 });
        Assert.True(runner.TryPost(User(1)));
        SpinWait.SpinUntil(() => clerk.ExternalIdLookupCalls == 1, Generous);

        var watch = Stopwatch.StartNew();
        runner.Dispose();

        // Not a timing assertion on the machine's speed: without cancellation this would take five minutes.
        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1));
        SpinWait.SpinUntil(() => clerk.CancelledCalls == 1, Generous);
        Assert.Equal(1, clerk.CancelledCalls);
    }

    [Fact]
    public void Two_thousand_users_with_ten_percent_faults_come_out_once_each_and_are_in_Clerk_once_each()
    {
        var clerk = new InMemoryClerkBackendApi { Latency = TimeSpan.FromMilliseconds(2) };
        var random = new Random(20260512);
        CreateFault[] kinds = Enum.GetValues<CreateFault>().Where(k => k != CreateFault.None && k != CreateFault.Rejected).ToArray();
        var faulted = new Dictionary<int, CreateFault>();
        for (int i = 0; i < 2000; i++)
        {
            if (random.NextDouble() < 0.10)
            {
                faulted[i] = kinds[random.Next(kinds.Length)];
                clerk.CreateFaults[$"sub-{i:D6}"] = faulted[i];
            }
        }

        using var runner = new MigrationRunner(clerk, new MigrationRunnerOptions { ThrottleLimit = 32 });
        var outcomes = RunAll(runner, Users(2000));

        Assert.Equal(Enumerable.Range(0, 2000), outcomes.Select(o => (int)o.Item.State!).OrderBy(i => i));
        var stored = clerk.Users.GroupBy(u => u.ExternalId).ToList();
        Assert.All(stored, g => Assert.Single(g));

        // Only a failure before anything was stored leaves a user out, and it says so.
        var notStored = faulted.Where(f => f.Value is CreateFault.TransportFailureBeforeStore or CreateFault.ServerError).Select(f => f.Key).ToHashSet();
        Assert.Equal(2000 - notStored.Count, stored.Count);
        Assert.All(outcomes.Where(o => notStored.Contains((int)o.Item.State!)), o => Assert.Equal(MigrationStatus.Failed, o.Status));
        Assert.All(outcomes.Where(o => !notStored.Contains((int)o.Item.State!)), o =>
        {
            Assert.Contains(o.Status, new[] { MigrationStatus.Created, MigrationStatus.AlreadyMigrated });
            Assert.Equal(clerk.Users.Single(u => u.ExternalId == o.Item.ExternalId).Id, o.ClerkUserId);
        });
    }
}
