using System.Diagnostics;
using System.Text.Json;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Net;
using CognitoClerk.Engine.Tests.Cognito;
using CognitoClerk.Engine.Tests.Support;
using Microsoft.AspNetCore.Http;
using Xunit;
using Xunit.Abstractions;

namespace CognitoClerk.Engine.Tests.Hostile;

/// <summary>
/// The Cognito client and the page reader against endpoints written to misbehave (issue 9): cycling and endless
/// tokens, records no Cognito could send, pages that are not pages, redirects, huge bodies, credentials in the URL.
/// </summary>
public sealed class HostileCognitoTests(ITestOutputHelper output)
{
    private const string PoolId = "us-east-1_Hostile1";

    private static string User(string username, string extra = "") =>
        $"{{\"Username\":\"{username}\",\"Attributes\":[{{\"Name\":\"sub\",\"Value\":\"sub-{username}\"}}],\"UserStatus\":\"CONFIRMED\",\"Enabled\":true{extra}}}";

    private static string Page(string? token, params string[] users) =>
        "{\"Users\":[" + string.Join(",", users) + "]" + (token == null ? string.Empty : $",\"PaginationToken\":\"{token}\"") + "}";

    /// <summary>A ListUsers endpoint whose answer to each call (0-based) is <paramref name="page"/>'s.</summary>
    private static Task<HostileHttpServer> ListUsersAsync(Func<int, string> page)
    {
        int calls = -1;
        return HostileHttpServer.StartAsync((server, context, _) =>
            server.WriteAsync(context, 200, page(Interlocked.Increment(ref calls)), "application/x-amz-json-1.1"));
    }

    private static async Task<List<CognitoUserPage>> ReadAllAsync(CognitoUserPageReader reader, CancellationToken cancellationToken = default)
    {
        var pages = new List<CognitoUserPage>();
        CognitoUserPage? page;
        while ((page = await reader.ReadNextAsync(cancellationToken)) != null)
        {
            pages.Add(page);
        }

        return pages;
    }

    [Fact]
    public async Task A_cycle_of_tokens_stops_with_a_pagination_error_at_the_first_repeat()
    {
        // A, B, A, B, ...: never the same token twice in a row, so the old check never fired.
        await using HostileHttpServer cognito = await ListUsersAsync(call => Page(call % 2 == 0 ? "A" : "B", User("u" + call)));
        using var client = FakeCognitoClients.Create(FakeCognitoClients.Settings(cognito.BaseUrl, PoolId));
        var reader = new CognitoUserPageReader(client, PoolId, null, CognitoConnectionSettings.MaxListUsersPerSecond);

        var error = await Assert.ThrowsAsync<CognitoPaginationException>(() => ReadAllAsync(reader));

        Assert.Equal(3, error.Page);
        Assert.Equal(1, error.FirstSeenOnPage);
        output.WriteLine($"Tokens A, B, A: stopped after {cognito.Requests.Count} ListUsers calls (before: 156,398 calls in 60 s).");
        Assert.Equal(3, cognito.Requests.Count);
    }

    [Fact]
    public async Task An_endless_stream_of_fresh_tokens_and_empty_pages_is_paced()
    {
        await using HostileHttpServer cognito = await ListUsersAsync(call => Page("fresh-" + call));
        using var client = FakeCognitoClients.Create(FakeCognitoClients.Settings(cognito.BaseUrl, PoolId));
        var reader = new CognitoUserPageReader(client, PoolId, null);
        using var twoSeconds = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAllAsync(reader, twoSeconds.Token));

        clock.Stop();
        int calls = cognito.Requests.Count;
        output.WriteLine($"Fresh token, empty page, forever: {calls} ListUsers calls in {clock.Elapsed.TotalSeconds:0.0} s at the default " +
            $"{CognitoConnectionSettings.DefaultListUsersPerSecond}/s (before: 149,472 calls in 30 s); {reader.PacingWait.TotalSeconds:0.0} s spent pacing.");

        // An upper bound only: a slow machine makes fewer calls, never more than the pace allows.
        Assert.InRange(calls, 1, (int)(clock.Elapsed.TotalSeconds * CognitoConnectionSettings.DefaultListUsersPerSecond) + 1);
    }

    [Fact]
    public void The_pace_cannot_be_set_beyond_the_account_quota()
    {
        using var client = FakeCognitoClients.Create(FakeCognitoClients.Settings("http://127.0.0.1:9/", PoolId));

        Assert.Throws<ArgumentOutOfRangeException>(() => new CognitoUserPageReader(client, PoolId, null, 31));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CognitoUserPageReader(client, PoolId, null, 0));
    }

    [Fact]
    public async Task One_bad_record_is_one_rejected_entry_and_the_page_and_listing_go_on()
    {
        await using HostileHttpServer cognito = await ListUsersAsync(call => call == 0
            ? Page("next", User("ann"), "{\"Attributes\":[]}", User("far-future", ",\"UserCreateDate\":1e15"), "42", User("bob"))
            : Page(null, User("cid")));
        using var client = FakeCognitoClients.Create(FakeCognitoClients.Settings(cognito.BaseUrl, PoolId));
        var reader = new CognitoUserPageReader(client, PoolId, null, CognitoConnectionSettings.MaxListUsersPerSecond);

        List<CognitoUserPage> pages = await ReadAllAsync(reader);

        Assert.Equal(new[] { "ann", "bob", "cid" }, pages.SelectMany(p => p.Users).Select(u => u.Username));
        CognitoRejectedRecord[] rejected = pages[0].Rejected.ToArray();
        Assert.Equal(new[] { 1, 2, 3 }, rejected.Select(r => r.Position));
        Assert.Contains("no Username", rejected[0].Reason);
        Assert.Equal("far-future", rejected[1].Username);
        Assert.Contains("UserCreateDate 1e15 is not a date", rejected[1].Reason);
        Assert.Contains("not a user", rejected[2].Reason);
        Assert.Equal(3, reader.RecordsRejected);
        output.WriteLine($"A page with 2 good and 3 bad entries, then a page with 1: {cognito.Requests.Count} calls, 3 users, 3 rejected entries (before: the listing ended after 7 attempts).");
        Assert.Equal(2, cognito.Requests.Count);
    }

    [Fact]
    public async Task A_page_that_is_not_a_page_is_a_malformed_answer_at_once_not_unreachable()
    {
        await using HostileHttpServer cognito = await ListUsersAsync(_ => "{\"Users\":\"everyone\"}");
        using var client = FakeCognitoClients.Create(FakeCognitoClients.Settings(cognito.BaseUrl, PoolId, maxRetries: 6));

        var error = await Assert.ThrowsAsync<CognitoResponseException>(() => client.ListUsersAsync(PoolId, null, null, CancellationToken.None));

        Assert.Contains("Users is a JSON string, not a list", error.Message);
        Assert.Single(cognito.Requests);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_retried_then_a_malformed_answer()
    {
        await using HostileHttpServer cognito = await ListUsersAsync(_ => "<html>gateway</html>");
        using var client = FakeCognitoClients.Create(FakeCognitoClients.Settings(cognito.BaseUrl, PoolId, maxRetries: 2));

        var error = await Assert.ThrowsAsync<CognitoResponseException>(() => client.ListUsersAsync(PoolId, null, null, CancellationToken.None));

        Assert.Contains("not JSON", error.Message);
        Assert.Equal(3, cognito.Requests.Count);
    }

    [Fact]
    public async Task A_redirect_of_a_sign_in_is_not_followed_so_the_password_stays_here()
    {
        await using HostileHttpServer elsewhere = await HostileHttpServer.StartAsync((_, _, _) => Task.CompletedTask);
        await using HostileHttpServer redirecting = await HostileHttpServer.RedirectingToAsync(elsewhere.BaseUrl + "/");
        using var client = FakeCognitoClients.Create(FakeCognitoClients.Settings(redirecting.BaseUrl, PoolId));

        var signIn = await Assert.ThrowsAsync<CognitoResponseException>(() => client.CheckPasswordAsync("client123", "ann", "Pa55word!", CancellationToken.None));
        var list = await Assert.ThrowsAsync<CognitoResponseException>(() => client.ListUsersAsync(PoolId, null, null, CancellationToken.None));

        Assert.Contains("redirect", signIn.Message);
        Assert.Contains("redirect", list.Message);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task A_huge_page_is_not_buffered_beyond_the_bound()
    {
        await using HostileHttpServer cognito = await HostileHttpServer.StartAsync((server, context, _) => server.StreamAsync(context, 200, 300L * 1024 * 1024));
        var counting = new CountingHandler(SafeHttpHandler.Create(new Uri(cognito.BaseUrl)));
        using var client = new CognitoIdentityProviderClient(
            FakeCognitoClients.Settings(cognito.BaseUrl, PoolId, maxRetries: 0),
            new Amazon.Runtime.BasicAWSCredentials(FakeCognitoClients.AccessKey, FakeCognitoClients.SecretKey),
            counting);

        var error = await Assert.ThrowsAsync<CognitoResponseException>(() => client.ListUsersAsync(PoolId, null, null, CancellationToken.None));

        Assert.Contains("16 MiB", error.Message);
        output.WriteLine($"300 MB ListUsers answer: the client read {counting.BodyBytesRead:N0} bytes of it (bound {CognitoIdentityProviderClient.MaxResponseBytes:N0}).");
        Assert.InRange(counting.BodyBytesRead, CognitoIdentityProviderClient.MaxResponseBytes, CognitoIdentityProviderClient.MaxResponseBytes + (64L * 1024));
    }

    [Theory]
    [InlineData("http://migrator:" + "s3cr3tpass@127.0.0.1:9229/")]
    [InlineData("https://AKIAEXAMPLE:" + "s3cr3tpass@cognito-idp.us-east-1.amazonaws.com/")]
    public void Credentials_in_the_endpoint_URL_are_refused_without_being_repeated(string url)
    {
        var settings = new CognitoConnectionSettings { UserPoolId = PoolId, EndpointUrl = url };

        var error = Assert.Throws<CognitoConfigurationException>(() => settings.Resolve());

        Assert.Equal(CognitoConfigurationProblem.InvalidEndpointUrl, error.Problem);
        Assert.Contains("user name or password", error.Message);
        Assert.DoesNotContain("s3cr3tpass", error.Message);
        Assert.DoesNotContain("migrator", error.Message);
        Assert.DoesNotContain("AKIAEXAMPLE", error.Message);
    }

    [Fact]
    public void An_unparsable_endpoint_URL_is_not_repeated_either()
    {
        var settings = new CognitoConnectionSettings { UserPoolId = PoolId, EndpointUrl = "cognito with s3cr3tpass" };

        var error = Assert.Throws<CognitoConfigurationException>(() => settings.Resolve());

        Assert.DoesNotContain("s3cr3tpass", error.Message);
    }

    [Fact]
    public async Task A_hostile_error_message_reaches_no_terminal_raw()
    {
        await using HostileHttpServer cognito = await HostileHttpServer.StartAsync((server, context, _) =>
            server.WriteAsync(context, 400, JsonSerializer.Serialize(new { __type = "InvalidParameterException", message = "bad \u001b]0;pwned\u0007 \u001b[2J filter" }), "application/x-amz-json-1.1"));
        using var client = FakeCognitoClients.Create(FakeCognitoClients.Settings(cognito.BaseUrl, PoolId));

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => client.ListUsersAsync(PoolId, "x", null, CancellationToken.None));

        Assert.DoesNotContain('\u001b', error.Message);
        Assert.DoesNotContain('\u0007', error.Message);
        Assert.Contains("\\e]0;pwned\\u0007", error.Message);
    }

    [Fact]
    public async Task An_endpoint_that_echoes_the_request_leaks_neither_the_session_token_nor_the_password()
    {
        const string password = "Pa55word!" + "Unique7781";
        const string token = "SessionTokenMarker" + "6c1f0a";

        // The echoed secret starts at character 594 and the message is cut at 600: redacting after the cut would
        // leave its first characters ("Pa55wo", "Sessio") in the message.
        string padding = new string('x', 594);
        await using HostileHttpServer echo = await HostileHttpServer.StartAsync((server, context, request) =>
        {
            string echoed = request.Header("X-Amz-Security-Token")
                ?? JsonDocument.Parse(request.Body).RootElement.GetProperty("AuthParameters").GetProperty("PASSWORD").GetString()!;
            return server.WriteAsync(context, 400, JsonSerializer.Serialize(new { __type = "NotAuthorizedException", message = padding + echoed }), "application/x-amz-json-1.1");
        });
        using var client = FakeCognitoClients.Create(
            FakeCognitoClients.Settings(echo.BaseUrl, PoolId), new Amazon.Runtime.SessionAWSCredentials("ASIATEST", "secret-key-value", token));

        CognitoPasswordCheck check = await client.CheckPasswordAsync("client123", "ann", password, CancellationToken.None);
        var listed = await Assert.ThrowsAsync<CognitoServiceException>(() => client.ListUsersAsync(PoolId, null, null, CancellationToken.None));

        Assert.Equal(CognitoPasswordOutcome.WrongPassword, check.Outcome);
        Assert.Contains("xxx", check.Message);
        foreach (string text in new[] { check.Message ?? string.Empty, listed.Message })
        {
            Assert.DoesNotContain("Pa55", text);
            Assert.DoesNotContain("Sess", text);
        }
    }

    [Fact]
    public void The_SDK_credential_dump_is_said_once_as_one_line_per_provider()
    {
        var sdk = new InvalidOperationException(
            "Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:\r\n" +
            "Exception 1 of 4: Unable to find the \"default\" profile.\r\nException 2 of 4: Unable to find the \"default\" profile.\r\n" +
            "Exception 3 of 4: The environment variables AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN were not set with AWS credentials.\r\n" +
            "Exception 4 of 4: EC2 instance metadata was not available.");

        string summary = AwsCredentialSource.SummarizeSdkMessage(sdk);

        Assert.DoesNotContain("Exception 1 of", summary);
        Assert.DoesNotContain('\n', summary);
        Assert.Equal(1, summary.Split("Unable to find the \"default\" profile").Length - 1);
        Assert.StartsWith("Tried: ", summary);
        Assert.Contains("EC2 instance metadata", summary);
    }
}
