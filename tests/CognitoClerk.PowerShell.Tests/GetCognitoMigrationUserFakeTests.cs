using System.Management.Automation;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>The cmdlet against the paging, throttling fake Cognito.</summary>
public sealed class GetCognitoMigrationUserFakeTests : IAsyncLifetime
{
    private const string PoolId = "us-east-1_PsFake01";
    private FakeCognitoServer _fake = null!;
    private EnvironmentScope _environment = null!;
    private ModuleHost _host = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeCognitoServer.StartAsync();
        _environment = AwsTestCredentials.Environment();
        _host = new ModuleHost();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        _environment.Dispose();
        await _fake.DisposeAsync();
    }

    private Dictionary<string, object?> Vars(string pool = PoolId) => new() { ["pool"] = pool, ["endpoint"] = _fake.EndpointUrl };

    private static List<string> Usernames(ScriptRun run) => run.Output.Select(o => (string)o.Properties["Username"].Value).ToList();

    [Fact]
    public void Follows_tokens_across_short_and_empty_pages_and_writes_every_user_once()
    {
        const int total = 1000;
        _fake.AddGeneratedPool(PoolId, total);
        int[] sizes = { 60, 0, 13, 0, 0, 60, 7, 59 };
        _fake.PageSizes = page => sizes[page % sizes.Length];
        _fake.TrailingEmptyPage = true;

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Verbose", Vars());

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(Enumerable.Range(0, total).Select(i => FakeCognitoUserSource.GeneratedUser(i).Username), Usernames(run));
        Assert.Equal(_fake.Counters.PagesServed, run.Verbose.Count(v => v.StartsWith("Page ", StringComparison.Ordinal)));
        Assert.Contains(run.Verbose, v => v.Contains(": 0 users; more follow."));
        Assert.Equal(0, _fake.Counters.SignatureViolations);
        Assert.All(_fake.Counters.Requests, r => Assert.Equal(AwsTestCredentials.AccessKeyId, r.AccessKeyId));
        Assert.All(_fake.Counters.Requests, r => Assert.True(r.HasSecurityToken));
        AwsTestCredentials.AssertNoSecretIn(run);
    }

    [Fact]
    public void Users_are_written_as_each_page_arrives()
    {
        _fake.AddGeneratedPool(PoolId, 300);
        _fake.PageSizes = _ => 50;
        long pagesServedWhenFirstUserSeen = -1;

        // The script records how many pages the fake had served when the first user reached the pipeline.
        Func<long> pagesServed = () => _fake.Counters.PagesServed;
        ScriptRun run = _host.Run(
            "Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint | ForEach-Object -Begin { $first = $true } -Process { if ($first) { $seen.Value = $pagesServed.Invoke(); $first = $false }; $_ }",
            new Dictionary<string, object?> { ["pool"] = PoolId, ["endpoint"] = _fake.EndpointUrl, ["pagesServed"] = pagesServed, ["seen"] = new StrongBox(v => pagesServedWhenFirstUserSeen = v) });

        Assert.Equal(300, run.Output.Count);
        Assert.Equal(1, pagesServedWhenFirstUserSeen);
        Assert.Equal(6, _fake.Counters.PagesServed);
    }

    [Fact]
    public void IncludeGroups_gives_every_user_their_groups_in_order_reading_them_with_one_call_per_page_through_throttling()
    {
        const int total = 600;
        FakeCognitoPool pool = _fake.AddGeneratedPool(PoolId, total);
        pool.Groups.Add(FakeCognitoGroup.Strided("members", null, total, every: 3));
        pool.Groups.Add(FakeCognitoGroup.Strided("admins", 1, total, every: 10));
        pool.Groups.Add(FakeCognitoGroup.Strided("editors", 5, total, every: 4, first: 2));
        _fake.PageSizes = _ => 45;
        _fake.InjectFaults("ListUsersInGroup", FakeCognitoFault.Throttle(), FakeCognitoFault.InternalError());
        _fake.InjectFaults("ListGroups", FakeCognitoFault.RateExceeded());

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -IncludeGroups -Verbose", Vars());

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(total, run.Output.Count);
        for (int i = 0; i < total; i++)
        {
            var expected = new List<string>();
            if (i % 10 == 0) expected.Add("admins");
            if (i % 4 == 2) expected.Add("editors");
            if (i % 3 == 0) expected.Add("members");
            PSObject user = run.Output[i];
            var groups = (System.Collections.IEnumerable)user.Properties["Groups"].Value;
            Assert.Equal(expected, groups.Cast<string>());
            Assert.Equal(string.Join(" ", expected), user.Properties["Groups"].Value.ToString());
        }

        // One call per page of groups or members (45 a page), never one per user.
        int memberPages = (int)Math.Ceiling(200 / 45.0) + (int)Math.Ceiling(60 / 45.0) + (int)Math.Ceiling(150 / 45.0);
        Assert.Equal(1 + 1, _fake.Counters.Calls("ListGroups"));
        Assert.Equal(memberPages + 2, _fake.Counters.Calls("ListUsersInGroup"));
        Assert.Contains(run.Verbose, v => v.Contains("Read 3 groups", StringComparison.Ordinal) && v.Contains("(admins (1), editors (5), members)", StringComparison.Ordinal));
        Assert.Contains(run.Progress, p => p.RecordType == ProgressRecordType.Completed && p.Activity.Contains("IncludeGroups", StringComparison.Ordinal));
        AwsTestCredentials.AssertNoSecretIn(run);
    }

    [Fact]
    public void Without_IncludeGroups_no_group_is_read_and_Groups_is_null()
    {
        FakeCognitoPool pool = _fake.AddGeneratedPool(PoolId, 5);
        pool.Groups.Add(FakeCognitoGroup.Strided("all", 1, 5, every: 1));

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint", Vars());

        Assert.Equal(5, run.Output.Count);
        Assert.All(run.Output, o => Assert.Null(o.Properties["Groups"].Value));
        Assert.Equal(0, _fake.Counters.Calls("ListGroups") + _fake.Counters.Calls("ListUsersInGroup"));
    }

    [Fact]
    public void A_denied_ListGroups_stops_before_any_user_with_the_action_to_allow()
    {
        _fake.AddGeneratedPool(PoolId, 5);
        _fake.InjectFaults("ListGroups", FakeCognitoFault.Error(400, "AccessDeniedException", "not authorized to perform: cognito-idp:ListGroups", typeInHeader: true));

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -IncludeGroups", Vars());

        ErrorRecord error = GetCognitoMigrationUserCognitoLocalTests.TerminatingRecord(run);
        Assert.StartsWith("CognitoAccessDenied,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("cognito-idp:ListGroups", error.ErrorDetails!.RecommendedAction, StringComparison.Ordinal);
        Assert.Equal(0, _fake.Counters.Calls("ListUsers"));
    }

    [Fact]
    public void Throttling_and_server_errors_are_retried_without_loss_or_repetition()
    {
        const int total = 400;
        _fake.AddGeneratedPool(PoolId, total);
        _fake.PageSizes = _ => 40;
        _fake.FaultSelector = (operation, sequence) => operation != "ListUsers" ? null : (sequence % 4) switch
        {
            1 => FakeCognitoFault.Throttle(),
            2 => FakeCognitoFault.RateExceeded(),
            3 => sequence % 8 == 3 ? FakeCognitoFault.InternalError() : null,
            _ => null,
        };

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Verbose", Vars());

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(Enumerable.Range(0, total).Select(i => FakeCognitoUserSource.GeneratedUser(i).Username), Usernames(run));
        Assert.True(_fake.Counters.Faults >= 10);
        Assert.Contains(run.Verbose, v => v.Contains("TooManyRequestsException") && v.Contains("retry"));
    }

    [Fact]
    public void Progress_shows_the_count_a_percentage_from_the_estimate_and_completes()
    {
        FakeCognitoPool pool = _fake.AddGeneratedPool(PoolId, 240);
        pool.EstimatedNumberOfUsers = 240;
        _fake.PageSizes = _ => 60;

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint", Vars());

        Assert.NotEmpty(run.Progress);
        ProgressRecord first = run.Progress.First();
        Assert.Equal(ProgressRecordType.Processing, first.RecordType);
        Assert.Contains("of about 240 users", first.StatusDescription);
        Assert.InRange(first.PercentComplete, 0, 99);
        ProgressRecord last = run.Progress.Last();
        Assert.Equal(ProgressRecordType.Completed, last.RecordType);
        Assert.Single(run.Progress, p => p.RecordType == ProgressRecordType.Completed);
        Assert.True(run.Progress.Count < 240, "progress is throttled, not written per user");
    }

    [Fact]
    public void Verbose_says_how_long_the_listing_takes_at_the_pace_before_the_first_call()
    {
        FakeCognitoPool pool = _fake.AddGeneratedPool(PoolId, 120);
        pool.EstimatedNumberOfUsers = 600_000;

        ScriptRun quick = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -ListUsersPerSecond 30 -Verbose", Vars());
        ScriptRun slow = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -ListUsersPerSecond 10 -Verbose", Vars());

        Assert.Equal(120, quick.Output.Count);
        List<string> said = quick.Verbose.ToList();
        int line = said.IndexOf("About 600000 users: about 10000 ListUsers calls, 6 minutes at 30 a second.");
        Assert.True(line >= 0, string.Join("\n", said));
        Assert.True(line < said.FindIndex(v => v.StartsWith("Page 1:", StringComparison.Ordinal)), "said before the first page");
        Assert.Contains(slow.Verbose, v => v == "About 600000 users: about 10000 ListUsers calls, 17 minutes at 10 a second " +
            "(-ListUsersPerSecond up to 30 shortens it when nothing else of the AWS account lists users).");
    }

    [Fact]
    public void Without_DescribeUserPool_permission_it_still_lists_and_counts_without_a_percentage()
    {
        FakeCognitoPool pool = _fake.AddGeneratedPool(PoolId, 70);
        pool.DenyDescribeUserPool = true;

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Verbose", Vars());

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(70, run.Output.Count);
        Assert.Contains(run.Verbose, v => v.Contains("AccessDeniedException"));
        Assert.All(run.Progress.Where(p => p.RecordType == ProgressRecordType.Processing), p =>
        {
            Assert.Equal(-1, p.PercentComplete);
            Assert.Contains("users read from", p.StatusDescription);
        });
    }

    [Fact]
    public void A_region_other_than_the_pool_IDs_is_warned_about()
    {
        _fake.AddGeneratedPool(PoolId, 2);

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Region eu-west-1", Vars());

        Assert.Equal(2, run.Output.Count);
        Assert.Contains(run.Warnings, w => w.Contains("us-east-1") && w.Contains("eu-west-1"));
        Assert.All(_fake.Counters.Requests, r => Assert.Equal("eu-west-1", r.SigningRegion));
    }

    [Fact]
    public void A_missing_pool_stops_before_any_user_with_one_error()
    {
        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId us-east-1_Missing9 -EndpointUrl $endpoint", Vars());

        ErrorRecord error = GetCognitoMigrationUserCognitoLocalTests.TerminatingRecord(run);
        Assert.StartsWith("CognitoUserPoolNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(0, _fake.Counters.Calls("ListUsers"));
    }

    [Fact]
    public void Rejected_credentials_stop_at_the_first_call_with_one_error_and_no_secret()
    {
        _fake.AddGeneratedPool(PoolId, 10);
        _fake.AllowedAccessKeyIds = new HashSet<string> { "AKIDSOMEBODYELSE" };

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Verbose", Vars());

        ErrorRecord error = GetCognitoMigrationUserCognitoLocalTests.TerminatingRecord(run);
        Assert.StartsWith("AwsCredentialsRejected,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal(1, _fake.Counters.CallsPerOperation.Values.Sum());
        AwsTestCredentials.AssertNoSecretIn(run);
    }

    [Fact]
    public void Listing_denied_by_IAM_is_an_access_denied_error()
    {
        FakeCognitoPool pool = _fake.AddGeneratedPool(PoolId, 10);
        pool.DenyDescribeUserPool = true;
        _fake.InjectFaults("ListUsers", FakeCognitoFault.Error(400, "AccessDeniedException", "User: arn:aws:iam::1:user/x is not authorized to perform: cognito-idp:ListUsers", typeInHeader: true));

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint", Vars());

        ErrorRecord error = GetCognitoMigrationUserCognitoLocalTests.TerminatingRecord(run);
        Assert.StartsWith("CognitoAccessDenied,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
        Assert.Contains("cognito-idp:ListUsers", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public async Task Stop_cancels_the_call_in_flight()
    {
        _fake.AddGeneratedPool(PoolId, 10);
        _fake.InjectFaults("ListUsers", FakeCognitoFault.Hang(TimeSpan.FromMinutes(30)));
        var listUsersArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _fake.RequestArrived += r => { if (r.Operation == "ListUsers") listUsersArrived.TrySetResult(); };

        using System.Management.Automation.PowerShell ps = _host.Create();
        ps.AddCommand("Get-CognitoMigrationUser").AddParameter("UserPoolId", PoolId).AddParameter("EndpointUrl", _fake.EndpointUrl);
        IAsyncResult invocation = ps.BeginInvoke();
        await listUsersArrived.Task.WaitAsync(TimeSpan.FromMinutes(2));

        // The hang lasts 30 minutes: Stop returns only if the HTTP call in flight is cancelled.
        await Task.Run(ps.Stop).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(invocation));
    }

    [Fact]
    public void A_named_profile_supplies_the_signing_keys()
    {
        _fake.AddGeneratedPool(PoolId, 3);
        File.WriteAllText(EnvironmentScope.AwsCredentialsFile,
            $"[migration]\naws_access_key_id = AKIDFROMPROFILE\naws_secret_access_key = {AwsTestCredentials.SecretAccessKey}\n");

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -ProfileName migration -Verbose", Vars());

        Assert.True(run.Output.Count == 3, string.Join("\n", run.Errors.Select(e => e.ToString())));
        Assert.Contains(run.Verbose, v => v.Contains("AWS profile 'migration'"));
        Assert.All(_fake.Counters.Requests, r => Assert.Equal("AKIDFROMPROFILE", r.AccessKeyId));
        Assert.All(_fake.Counters.Requests, r => Assert.False(r.HasSecurityToken));
        AwsTestCredentials.AssertNoSecretIn(run);
    }

    /// <summary>Lets a script hand a value back to the test.</summary>
    public sealed class StrongBox
    {
        private readonly Action<long> _set;

        public StrongBox(Action<long> set) => _set = set;

        public long Value
        {
            set => _set(value);
        }
    }
}
