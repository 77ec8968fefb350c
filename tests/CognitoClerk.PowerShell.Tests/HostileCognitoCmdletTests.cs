using System.Management.Automation;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Get-CognitoMigrationUser against endpoints written to misbehave (issue 9, items 3, 5, 7, 13 and 15): what reaches
/// the admin's streams, with which ErrorId and which recommended action.
/// </summary>
public sealed class HostileCognitoCmdletTests : IAsyncLifetime
{
    private const string PoolId = "us-east-1_PsHostile";
    private EnvironmentScope _environment = null!;
    private ModuleHost _host = null!;

    public Task InitializeAsync()
    {
        _environment = AwsTestCredentials.Environment();
        _host = new ModuleHost();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        _environment.Dispose();
        return Task.CompletedTask;
    }

    private static string User(string username, string extra = "") =>
        $"{{\"Username\":\"{username}\",\"Attributes\":[{{\"Name\":\"sub\",\"Value\":\"sub-{username.Length}\"}}],\"UserStatus\":\"CONFIRMED\",\"Enabled\":true{extra}}}";

    /// <summary>DescribeUserPool answers with a small pool; ListUsers with <paramref name="page"/>'s answer to each call.</summary>
    private static Task<HostileHttpServer> CognitoAsync(Func<int, string> page)
    {
        int calls = -1;
        return HostileHttpServer.StartAsync((server, context, request) =>
        {
            string target = request.Header("X-Amz-Target") ?? string.Empty;
            string body = target.EndsWith(".DescribeUserPool", StringComparison.Ordinal)
                ? $"{{\"UserPool\":{{\"Id\":\"{PoolId}\",\"Name\":\"hostile\",\"EstimatedNumberOfUsers\":3}}}}"
                : page(Interlocked.Increment(ref calls));
            return server.WriteAsync(context, 200, body, "application/x-amz-json-1.1");
        });
    }

    private ScriptRun List(HostileHttpServer cognito, string extra = "") =>
        _host.Run($"Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -ListUsersPerSecond 30 {extra}",
            new Dictionary<string, object?> { ["pool"] = PoolId, ["endpoint"] = cognito.BaseUrl });

    [Fact]
    public async Task One_bad_record_is_one_error_and_every_other_user_is_listed()
    {
        await using HostileHttpServer cognito = await CognitoAsync(call => call == 0
            ? "{\"Users\":[" + User("ann") + ",{\"Attributes\":[]}," + User("far", ",\"UserCreateDate\":1e15") + "],\"PaginationToken\":\"t1\"}"
            : "{\"Users\":[" + User("bob") + "]}");

        ScriptRun run = List(cognito);

        Assert.Null(run.Terminating);
        Assert.Equal(new[] { "ann", "bob" }, run.Output.Select(o => (string)o.Properties["Username"].Value));
        Assert.Equal(2, run.Errors.Count);
        Assert.All(run.Errors, e => Assert.StartsWith("CognitoUserRecordInvalid", e.FullyQualifiedErrorId));
        Assert.Contains(run.Errors, e => e.Exception.Message.Contains("UserCreateDate 1e15 is not a date") && (string)e.TargetObject == "far");
        Assert.Contains(run.Errors, e => e.Exception.Message.Contains("no Username"));
        Assert.All(run.Errors, e => Assert.NotNull(e.ErrorDetails?.RecommendedAction));
    }

    [Fact]
    public async Task A_page_that_is_not_a_page_is_CognitoResponseMalformed_after_one_call_not_unreachable()
    {
        await using HostileHttpServer cognito = await CognitoAsync(_ => "{\"Users\":{\"Username\":\"ann\"}}");

        ScriptRun run = List(cognito);

        ErrorRecord error = GetCognitoMigrationUserCognitoLocalTests.TerminatingRecord(run);
        Assert.StartsWith("CognitoResponseMalformed,", error.FullyQualifiedErrorId);
        Assert.Contains("-EndpointUrl", error.ErrorDetails.RecommendedAction);
        Assert.Equal(1, cognito.Requests.Count(r => r.Header("X-Amz-Target")!.EndsWith(".ListUsers", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_token_cycle_stops_with_CognitoPaginationLoop_after_the_users_it_read_once()
    {
        await using HostileHttpServer cognito = await CognitoAsync(call => "{\"Users\":[" + User("u" + call) + "],\"PaginationToken\":\"" + (call % 2 == 0 ? "A" : "B") + "\"}");

        ScriptRun run = _host.Run(
            "try { Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -ListUsersPerSecond 30 } catch { $caught = $_ }; $caught",
            new Dictionary<string, object?> { ["pool"] = PoolId, ["endpoint"] = cognito.BaseUrl });

        ErrorRecord error = (ErrorRecord)run.Output.Last().BaseObject;
        Assert.StartsWith("CognitoPaginationLoop,", error.FullyQualifiedErrorId);
        Assert.Equal(new[] { "u0", "u1" }, run.Output.Take(run.Output.Count - 1).Select(o => (string)o.Properties["Username"].Value));
        Assert.Equal(3, cognito.Requests.Count(r => r.Header("X-Amz-Target")!.EndsWith(".ListUsers", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_username_with_terminal_escapes_reaches_no_stream_raw()
    {
        // The JSON escape \u001b puts a real ESC in the Username; OSC 0 would retitle the window, CSI 2J clear the screen.
        await using HostileHttpServer cognito = await CognitoAsync(_ =>
            "{\"Users\":[{\"Username\":\"evil\\u001b]0;pwned\\u0007\\u001b[2J\",\"UserCreateDate\":1e300,\"Attributes\":[]}]}");

        ScriptRun run = List(cognito, "-Verbose");

        ErrorRecord error = Assert.Single(run.Errors);
        foreach (string text in run.Verbose.Concat(run.Warnings).Append(error.Exception.Message).Append(error.ErrorDetails.Message).Append(error.CategoryInfo.TargetName))
        {
            Assert.DoesNotContain('\u001b', text);
            Assert.DoesNotContain('\u0007', text);
        }

        Assert.Contains("evil\\e]0;pwned\\u0007\\e[2J", error.ErrorDetails.Message);
    }

    [Fact]
    public void Credentials_in_EndpointUrl_are_refused_without_being_echoed()
    {
        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl 'http://migrator:" + "Hunter2secret@127.0.0.1:9/'",
            new Dictionary<string, object?> { ["pool"] = PoolId });

        ErrorRecord error = GetCognitoMigrationUserCognitoLocalTests.TerminatingRecord(run);
        Assert.StartsWith("CognitoEndpointUrlInvalid,", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("Hunter2secret", run.AllText());
        Assert.DoesNotContain("migrator", run.AllText());
    }

    [Fact]
    public async Task A_bad_filter_gets_the_filter_syntax_as_its_recommended_action()
    {
        await using FakeCognitoServer fake = await FakeCognitoServer.StartAsync();
        fake.AddGeneratedPool(PoolId, 3);

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Filter 'bogus'",
            new Dictionary<string, object?> { ["pool"] = PoolId, ["endpoint"] = fake.EndpointUrl });

        ErrorRecord error = GetCognitoMigrationUserCognitoLocalTests.TerminatingRecord(run);
        Assert.StartsWith("CognitoInvalidRequest,", error.FullyQualifiedErrorId);
        Assert.Contains("'bogus'", error.ErrorDetails.Message);
        Assert.Contains("email ^= \"ann\"", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public void An_endpoint_that_does_not_answer_is_said_at_once_and_ends_with_what_to_check()
    {
        // Nothing listens on port 9: connection refused on every attempt, about 25 s of backoff in all.
        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl http://127.0.0.1:9/",
            new Dictionary<string, object?> { ["pool"] = PoolId });

        ErrorRecord error = GetCognitoMigrationUserCognitoLocalTests.TerminatingRecord(run);
        Assert.StartsWith("CognitoUnreachable,", error.FullyQualifiedErrorId);
        Assert.Contains("-EndpointUrl", error.ErrorDetails.RecommendedAction);
        string warning = Assert.Single(run.Warnings);
        Assert.Contains("retry 1", warning);
        Assert.Contains(run.Progress, p => p.CurrentOperation?.Contains("retry", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Missing_AWS_credentials_are_said_once_as_one_line()
    {
        using EnvironmentScope bare = EnvironmentScope.IsolatedAws();

        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl http://127.0.0.1:9/",
            new Dictionary<string, object?> { ["pool"] = PoolId });

        ErrorRecord error = GetCognitoMigrationUserCognitoLocalTests.TerminatingRecord(run);
        Assert.StartsWith("AwsCredentialsNotFound,", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("Exception 1 of", error.Exception.Message);
        Assert.DoesNotContain('\n', error.Exception.Message);
        Assert.Contains("Tried: ", error.Exception.Message);
    }
}
