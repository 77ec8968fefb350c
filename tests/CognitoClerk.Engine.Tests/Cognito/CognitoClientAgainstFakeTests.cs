using Amazon.Runtime;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>The client against <see cref="FakeCognitoServer"/>: signing, paging, retries, error mapping.</summary>
public sealed class CognitoClientAgainstFakeTests : IAsyncLifetime
{
    private const string PoolId = "us-east-1_FakePool1";
    private FakeCognitoServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeCognitoServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Signed_calls_carry_a_SigV4_header_for_cognito_idp_in_the_pool_region()
    {
        _fake.AddGeneratedPool(PoolId, 3);
        using var client = FakeCognitoClients.Create(_fake, PoolId);

        await client.ListUsersAsync(PoolId, null, null, default);
        await client.DescribeUserPoolAsync(PoolId, default);

        Assert.Equal(0, _fake.Counters.SignatureViolations);
        Assert.All(_fake.Counters.Requests, r =>
        {
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=" + FakeCognitoClients.AccessKey + "/", r.Authorization);
            Assert.Equal("cognito-idp", r.SigningService);
            Assert.Equal("us-east-1", r.SigningRegion);
            Assert.Equal("application/x-amz-json-1.1", r.ContentType);
            Assert.Contains("x-amz-target", r.SignedHeaders);
            Assert.False(r.HasSecurityToken);
            Assert.DoesNotContain(FakeCognitoClients.SecretKey, r.Authorization);
        });
    }

    [Fact]
    public async Task Session_credentials_send_a_signed_security_token()
    {
        _fake.AddGeneratedPool(PoolId, 1);
        using var client = FakeCognitoClients.Create(
            FakeCognitoClients.Settings(_fake.EndpointUrl, PoolId), new SessionAWSCredentials("ASIATEST", "secret", "token-123"));

        await client.ListUsersAsync(PoolId, null, null, default);

        FakeCognitoRequest request = Assert.Single(_fake.Counters.Requests);
        Assert.True(request.HasSecurityToken);
        Assert.Contains("x-amz-security-token", request.SignedHeaders);
        Assert.Equal(0, _fake.Counters.SignatureViolations);
    }

    [Fact]
    public async Task Every_user_arrives_exactly_once_over_short_and_empty_pages()
    {
        const int total = 257;
        _fake.AddGeneratedPool(PoolId, total);
        int[] sizes = { 60, 7, 0, 20, 0, 0, 60, 1, 59, 33 };
        _fake.PageSizes = page => sizes[page % sizes.Length];
        _fake.TrailingEmptyPage = true;
        using var client = FakeCognitoClients.Create(_fake, PoolId);

        List<CognitoUser> users = await FakeCognitoClients.ReadAllAsync(client, PoolId);

        Assert.Equal(total, users.Count);
        Assert.Equal(total, users.Select(u => u.Username).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, total).Select(i => FakeCognitoUserSource.GeneratedUser(i).Username), users.Select(u => u.Username));
        Assert.True(_fake.Counters.EmptyPagesServed >= 4, "the chain must have crossed empty pages");
        Assert.Equal(_fake.Counters.PagesServed, _fake.Counters.Calls("ListUsers"));
        Assert.Null(_fake.Counters.TokensSeen[0]);
        Assert.Equal(_fake.Counters.TokensSeen.Count, _fake.Counters.TokensSeen.Distinct().Count());
    }

    [Fact]
    public async Task The_same_filter_is_sent_with_every_token()
    {
        _fake.AddGeneratedPool(PoolId, 500);
        _fake.PageSizes = _ => 10;
        using var client = FakeCognitoClients.Create(_fake, PoolId);
        const string filter = "username ^= \"user0001\"";

        List<CognitoUser> users = await FakeCognitoClients.ReadAllAsync(client, PoolId, filter);

        Assert.Equal(Enumerable.Range(100, 100).Select(i => "user" + i.ToString("D6")), users.Select(u => u.Username));
        Assert.True(_fake.Counters.FiltersSeen.Count > 10);
        Assert.All(_fake.Counters.FiltersSeen, f => Assert.Equal(filter, f));
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_without_losing_or_repeating_a_page()
    {
        const int total = 200;
        _fake.AddGeneratedPool(PoolId, total);
        _fake.PageSizes = _ => 25;
        using var client = FakeCognitoClients.Create(_fake, PoolId, maxRetries: 6);

        // Faults on the first page and in the middle of the chain (the 3rd..8th ListUsers requests).
        _fake.InjectFaults("ListUsers", FakeCognitoFault.Throttle());
        var reader = new CognitoUserPageReader(client, PoolId, null);
        var users = new List<CognitoUser>();
        users.AddRange((await reader.ReadNextAsync(default))!.Users);
        _fake.InjectFaults("ListUsers",
            FakeCognitoFault.RateExceeded(), FakeCognitoFault.InternalError(), FakeCognitoFault.ServiceUnavailable(),
            FakeCognitoFault.DropConnection(), FakeCognitoFault.Error(400, "ThrottlingException", "Rate exceeded", typeInHeader: true));
        CognitoUserPage? page;
        while ((page = await reader.ReadNextAsync(default)) != null)
        {
            users.AddRange(page.Users);
        }

        Assert.Equal(Enumerable.Range(0, total).Select(i => "user" + i.ToString("D6")), users.Select(u => u.Username));
        Assert.Equal(6, _fake.Counters.Faults);

        // The faulted requests were repeated with the very token that failed, so no page was skipped.
        IReadOnlyList<string?> tokens = _fake.Counters.TokensSeen;
        Assert.Null(tokens[0]);
        Assert.Null(tokens[1]);
        Assert.NotNull(tokens[2]);
        Assert.All(tokens.Skip(3).Take(5), t => Assert.Equal(tokens[2], t));
        Assert.True(tokens.Distinct().Count() == total / 25, "one distinct token per page, none skipped");
    }

    [Fact]
    public async Task A_hung_attempt_times_out_and_is_retried()
    {
        _fake.AddGeneratedPool(PoolId, 5);
        _fake.InjectFaults("ListUsers", FakeCognitoFault.Hang(TimeSpan.FromMinutes(5)));
        using var client = FakeCognitoClients.Create(FakeCognitoClients.Settings(_fake.EndpointUrl, PoolId, maxRetries: 2, attemptTimeout: TimeSpan.FromSeconds(1)));

        CognitoUserPage page = await client.ListUsersAsync(PoolId, null, null, default);

        Assert.Equal(5, page.Users.Count);
        Assert.Equal(2, _fake.Counters.Calls("ListUsers"));
    }

    [Fact]
    public async Task Retries_are_bounded_and_then_the_throttling_error_surfaces()
    {
        _fake.AddGeneratedPool(PoolId, 5);
        _fake.FaultSelector = (_, _) => FakeCognitoFault.Throttle();
        var retries = new List<CognitoRetryEvent>();
        var settings = FakeCognitoClients.Settings(_fake.EndpointUrl, PoolId, maxRetries: 3);
        settings.OnRetry = e => { lock (retries) { retries.Add(e); } };
        using var client = FakeCognitoClients.Create(settings);

        var ex = await Assert.ThrowsAsync<CognitoServiceException>(() => client.ListUsersAsync(PoolId, null, null, default));

        Assert.True(ex.IsThrottling);
        Assert.Equal(4, _fake.Counters.Calls("ListUsers"));
        Assert.Equal(new[] { 1, 2, 3 }, retries.Select(r => r.AttemptNumber));
        Assert.All(retries, r => Assert.Equal("ListUsers", r.Operation));
    }

    [Fact]
    public async Task Other_client_errors_are_never_retried()
    {
        _fake.AddGeneratedPool(PoolId, 5);
        using var client = FakeCognitoClients.Create(_fake, PoolId);

        var ex = await Assert.ThrowsAsync<CognitoServiceException>(() => client.ListUsersAsync(PoolId, "custom:tier = \"gold\"", null, default));

        Assert.Equal("InvalidParameterException", ex.ErrorType);
        Assert.Equal(1, _fake.Counters.Calls("ListUsers"));
    }

    [Fact]
    public async Task A_missing_pool_is_a_setup_failure_reported_at_once()
    {
        using var client = FakeCognitoClients.Create(_fake, "us-east-1_Missing1");

        var ex = await Assert.ThrowsAsync<CognitoServiceException>(() => client.ListUsersAsync("us-east-1_Missing1", null, null, default));

        Assert.True(ex.IsResourceNotFound);
        Assert.True(ex.IsSetupFailure);
        Assert.Equal(1, _fake.Counters.Calls("ListUsers"));
    }

    [Fact]
    public async Task Rejected_credentials_are_a_setup_failure_reported_at_once()
    {
        _fake.AddGeneratedPool(PoolId, 5);
        _fake.AllowedAccessKeyIds = new HashSet<string> { "AKIDSOMEONEELSE" };
        using var client = FakeCognitoClients.Create(_fake, PoolId);

        var ex = await Assert.ThrowsAsync<CognitoServiceException>(() => client.ListUsersAsync(PoolId, null, null, default));

        Assert.Equal("UnrecognizedClientException", ex.ErrorType);
        Assert.True(ex.IsAccessFailure);
        Assert.True(ex.IsSetupFailure);
        Assert.Equal(1, _fake.Counters.Calls("ListUsers"));
        Assert.DoesNotContain(FakeCognitoClients.SecretKey, ex.ToString());
    }

    [Fact]
    public async Task Cancellation_stops_an_in_flight_call()
    {
        _fake.AddGeneratedPool(PoolId, 5);
        _fake.InjectFaults("ListUsers", FakeCognitoFault.Hang(TimeSpan.FromMinutes(10)));
        using var client = FakeCognitoClients.Create(FakeCognitoClients.Settings(_fake.EndpointUrl, PoolId, attemptTimeout: TimeSpan.FromMinutes(10)));
        using var cancel = new CancellationTokenSource();

        Task<CognitoUserPage> call = client.ListUsersAsync(PoolId, null, null, cancel.Token);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.True(_fake.Counters.Calls("ListUsers") <= 1);
    }

    [Fact]
    public async Task Fractional_and_exponent_timestamps_and_absent_values_come_through()
    {
        var created = DateTimeOffset.FromUnixTimeMilliseconds(1_682_955_829_578);
        var modified = DateTimeOffset.FromUnixTimeMilliseconds(1_689_030_181_630);
        _fake.AddPool(PoolId, new[]
        {
            new FakeCognitoUser("ann") { UserCreateDate = created, UserLastModifiedDate = modified }.With("sub", "s1").With("nickname", null),
        });
        _fake.TimestampStyle = FakeCognitoTimestampStyle.Mixed;
        using var client = FakeCognitoClients.Create(_fake, PoolId);

        CognitoUser user = Assert.Single((await client.ListUsersAsync(PoolId, null, null, default)).Users);

        Assert.Equal(created, user.UserCreateDate);
        Assert.Equal(modified, user.UserLastModifiedDate);
        Assert.Contains(user.Attributes, a => a.Key == "nickname" && a.Value == null);
    }

    [Fact]
    public async Task DescribeUserPool_reports_the_estimate_and_a_denied_describe_is_an_access_failure()
    {
        FakeCognitoPool pool = _fake.AddGeneratedPool(PoolId, 10);
        pool.EstimatedNumberOfUsers = 98765;
        pool.UsernameAttributes.Add("email");
        pool.CaseSensitive = false;
        using var client = FakeCognitoClients.Create(_fake, PoolId);

        CognitoUserPool described = await client.DescribeUserPoolAsync(PoolId, default);
        pool.DenyDescribeUserPool = true;
        var denied = await Assert.ThrowsAsync<CognitoServiceException>(() => client.DescribeUserPoolAsync(PoolId, default));

        Assert.Equal(98765, described.EstimatedNumberOfUsers);
        Assert.Equal(new[] { "email" }, described.UsernameAttributes);
        Assert.False(described.UsernameCaseSensitive);
        Assert.Equal("AccessDeniedException", denied.ErrorType);
        Assert.True(denied.IsAccessFailure);
    }

    [Fact]
    public async Task DescribeUserPoolClient_tells_whether_a_secret_exists_and_the_flows()
    {
        _fake.AddGeneratedPool(PoolId, 1);
        FakeCognitoAppClient appClient = _fake.AddAppClient(PoolId, "clientwithsecret");
        appClient.ClientSecret = "averylongclientsecretvalue1234567890";
        using var client = FakeCognitoClients.Create(_fake, PoolId);

        CognitoUserPoolClient described = await client.DescribeUserPoolClientAsync(PoolId, "clientwithsecret", default);
        var missing = await Assert.ThrowsAsync<CognitoServiceException>(() => client.DescribeUserPoolClientAsync(PoolId, "nosuchclient", default));

        Assert.True(described.HasClientSecret);
        Assert.Contains("ALLOW_USER_PASSWORD_AUTH", described.ExplicitAuthFlows);
        Assert.Equal("LEGACY", described.PreventUserExistenceErrors);
        Assert.True(missing.IsResourceNotFound);
    }

    [Fact]
    public async Task InitiateAuth_is_sent_unsigned_and_needs_no_credentials()
    {
        _fake.AddPool(PoolId, new[]
        {
            new FakeCognitoUser("ok") { Password = "Right#Pass1" },
            new FakeCognitoUser("fresh") { Password = "Temp#Pass1", UserStatus = "FORCE_CHANGE_PASSWORD" },
            new FakeCognitoUser("pending") { Password = "Right#Pass1", UserStatus = "UNCONFIRMED" },
            new FakeCognitoUser("reset") { Password = "Right#Pass1", UserStatus = "RESET_REQUIRED" },
        });
        _fake.AddAppClient(PoolId, "publicclient");

        // The endpoint's signing credentials are deliberately unresolvable: a named profile that does not exist.
        var settings = FakeCognitoClients.Settings(_fake.EndpointUrl, PoolId);
        settings.ProfileName = "cognitoclerk-no-such-profile-" + Guid.NewGuid().ToString("N");
        using var client = new CognitoIdentityProviderClient(settings);

        Assert.Equal(CognitoPasswordOutcome.Authenticated, (await client.CheckPasswordAsync("publicclient", "ok", "Right#Pass1", default)).Outcome);
        CognitoPasswordCheck challenge = await client.CheckPasswordAsync("publicclient", "fresh", "Temp#Pass1", default);
        Assert.Equal(CognitoPasswordOutcome.Challenge, challenge.Outcome);
        Assert.Equal("NEW_PASSWORD_REQUIRED", challenge.ChallengeName);
        Assert.Equal(CognitoPasswordOutcome.WrongPassword, (await client.CheckPasswordAsync("publicclient", "ok", "Wrong#Pass1", default)).Outcome);
        Assert.Equal(CognitoPasswordOutcome.UserNotFound, (await client.CheckPasswordAsync("publicclient", "ghost", "x", default)).Outcome);
        Assert.Equal(CognitoPasswordOutcome.UserNotConfirmed, (await client.CheckPasswordAsync("publicclient", "pending", "Right#Pass1", default)).Outcome);
        Assert.Equal(CognitoPasswordOutcome.PasswordResetRequired, (await client.CheckPasswordAsync("publicclient", "reset", "Right#Pass1", default)).Outcome);

        Assert.Equal(0, _fake.Counters.SignatureViolations);
        Assert.All(_fake.Counters.Requests, r => Assert.Null(r.Authorization));

        // ... while a signed call with the same settings does need them.
        var noCredentials = await Assert.ThrowsAsync<CognitoCredentialsException>(() => client.ListUsersAsync(PoolId, null, null, default));
        Assert.Contains(settings.ProfileName, noCredentials.Message);
        Assert.Equal(0, _fake.Counters.Calls("ListUsers"));
    }

    [Fact]
    public async Task InitiateAuth_retries_throttling_but_not_a_server_error()
    {
        _fake.AddPool(PoolId, new[] { new FakeCognitoUser("ok") { Password = "Right#Pass1" } });
        _fake.AddAppClient(PoolId, "publicclient");
        using var client = FakeCognitoClients.Create(_fake, PoolId);

        _fake.InjectFaults("InitiateAuth", FakeCognitoFault.Throttle());
        CognitoPasswordCheck afterThrottle = await client.CheckPasswordAsync("publicclient", "ok", "Right#Pass1", default);
        _fake.InjectFaults("InitiateAuth", FakeCognitoFault.InternalError());
        var serverError = await Assert.ThrowsAsync<CognitoServiceException>(() => client.CheckPasswordAsync("publicclient", "ok", "Right#Pass1", default));

        Assert.Equal(CognitoPasswordOutcome.Authenticated, afterThrottle.Outcome);
        Assert.True(serverError.IsServerError);
        Assert.Equal(3, _fake.Counters.Calls("InitiateAuth"));
    }

    [Fact]
    public async Task A_token_handed_back_unchanged_stops_the_reader_instead_of_looping()
    {
        var loop = new LoopingProvider();
        var reader = new CognitoUserPageReader(loop, PoolId, null);

        await reader.ReadNextAsync(default);
        await Assert.ThrowsAsync<CognitoPaginationException>(() => reader.ReadNextAsync(default));
    }

    [Fact]
    public async Task A_group_token_handed_back_unchanged_stops_the_group_reader_instead_of_looping()
    {
        var reader = new CognitoGroupMembershipReader(new LoopingProvider(), PoolId);

        await reader.ReadNextPageAsync(default);
        var error = await Assert.ThrowsAsync<CognitoPaginationException>(() => reader.ReadNextPageAsync(default));
        Assert.Contains("ListGroups", error.Message, StringComparison.Ordinal);
    }

    private sealed class LoopingProvider : ICognitoIdentityProvider
    {
        public Task<CognitoUserPage> ListUsersAsync(string userPoolId, string? filter, string? paginationToken, CancellationToken cancellationToken) =>
            Task.FromResult(new CognitoUserPage(Array.Empty<CognitoUser>(), "same"));

        public Task<CognitoGroupPage> ListGroupsAsync(string userPoolId, string? nextToken, CancellationToken cancellationToken) =>
            Task.FromResult(new CognitoGroupPage(new[] { new CognitoGroup("g", 1) }, "same"));

        public Task<CognitoUserPage> ListUsersInGroupAsync(string userPoolId, string groupName, string? nextToken, CancellationToken cancellationToken) =>
            Task.FromResult(new CognitoUserPage(Array.Empty<CognitoUser>(), "same"));

        public Task<CognitoUserPool> DescribeUserPoolAsync(string userPoolId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<CognitoUserPoolClient> DescribeUserPoolClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<CognitoPasswordCheck> CheckPasswordAsync(string clientId, string username, string password, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
