using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Readiness;
using Xunit;

namespace CognitoClerk.Engine.Tests.Readiness;

public class MigrationReadinessInspectorTests
{
    private static FakeCognito ReadyCognito() => new()
    {
        Pool = Pools.UsernamePool(),
        Client = Pools.PublicClient("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"),
    };

    [Fact]
    public async Task A_ready_pool_and_key_pass_every_check_in_the_documented_order()
    {
        var clerk = new FakeClerk { Instance = new ClerkInstanceInfo { Id = "ins_1", EnvironmentType = "production" } };

        var rows = await new MigrationReadinessInspector(ReadyCognito(), clerk).RunAsync(Pools.Request(), CancellationToken.None);

        Assert.Equal(ReadinessCheckNames.All, rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.True(r.Passed, r.Name + ": " + r.Detail));
    }

    [Fact]
    public async Task Without_a_key_the_Clerk_checks_are_skipped_not_failed()
    {
        var rows = await new MigrationReadinessInspector(ReadyCognito(), null).RunAsync(Pools.Request(), CancellationToken.None);

        Assert.Equal(ReadinessCheckNames.All, rows.Select(r => r.Name));
        Assert.True(rows.Single(r => r.Name == "ClerkSecretKey").Skipped);
        Assert.DoesNotContain(rows, r => r.IsBlocking);
    }

    [Fact]
    public async Task A_missing_pool_fails_once_and_the_checks_that_need_it_are_skipped()
    {
        var cognito = new FakeCognito();

        var rows = await new MigrationReadinessInspector(cognito, null).RunAsync(Pools.Request(), CancellationToken.None);

        ReadinessCheckResult pool = rows.Single(r => r.Name == "UserPool");
        Assert.False(pool.Passed);
        Assert.Equal(ReadinessSeverity.Error, pool.Severity);
        Assert.Contains("aws cognito-idp list-user-pools --max-results 60 --region eu-west-1", pool.Fix);
        Assert.Equal(new[] { "UserPool" }, rows.Where(r => r.IsBlocking).Select(r => r.Name));
        foreach (string dependent in new[] { "AppClient", "ClientSecret", "UserPasswordAuth", "IdentifierSource", "Mfa", "LambdaTriggers" })
        {
            Assert.True(rows.Single(r => r.Name == dependent).Skipped, dependent);
        }

        Assert.DoesNotContain(cognito.Calls, c => c.StartsWith("DescribeUserPoolClient", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Access_denied_names_the_permissions_and_the_identity_check()
    {
        var cognito = new FakeCognito { PoolFailure = new CognitoServiceException("DescribeUserPool", 400, "AccessDeniedException", "User is not authorized") };

        var rows = await new MigrationReadinessInspector(cognito, null).RunAsync(Pools.Request(), CancellationToken.None);

        ReadinessCheckResult pool = rows.Single(r => r.Name == "UserPool");
        Assert.Contains("AccessDeniedException", pool.Detail);
        Assert.Contains("cognito-idp:DescribeUserPool", pool.Fix);
        Assert.Contains("aws sts get-caller-identity --region eu-west-1", pool.Fix);
    }

    [Fact]
    public async Task A_network_failure_is_a_failed_row_not_an_exception()
    {
        var cognito = new FakeCognito { PoolFailure = new HttpRequestException("Connection refused") };
        var clerk = new FakeClerk { InstanceFailure = new HttpRequestException("Name or service not known") };

        var rows = await new MigrationReadinessInspector(cognito, clerk).RunAsync(Pools.Request(), CancellationToken.None);

        Assert.Contains("Connection refused", rows.Single(r => r.Name == "UserPool").Detail);
        Assert.Contains("Name or service not known", rows.Single(r => r.Name == "ClerkSecretKey").Detail);
    }

    [Fact]
    public async Task Missing_AWS_credentials_are_a_failed_row_with_the_way_to_provide_them()
    {
        var cognito = new FakeCognito { PoolFailure = new CognitoCredentialsException("No AWS credentials were found.", null) };
        var request = Pools.Request();
        request.ProfileName = "migration";

        var rows = await new MigrationReadinessInspector(cognito, null).RunAsync(request, CancellationToken.None);

        ReadinessCheckResult pool = rows.Single(r => r.Name == "UserPool");
        Assert.Equal(ReadinessSeverity.Error, pool.Severity);
        Assert.Contains("No AWS credentials", pool.Detail);
        Assert.Contains("aws sts get-caller-identity --region eu-west-1 --profile migration", pool.Fix);
    }

    [Fact]
    public async Task A_missing_client_fails_with_the_pools_clients_and_a_new_client_as_fixes()
    {
        var cognito = ReadyCognito();
        cognito.Client = null;

        var rows = await new MigrationReadinessInspector(cognito, null).RunAsync(Pools.Request(), CancellationToken.None);

        ReadinessCheckResult client = rows.Single(r => r.Name == "AppClient");
        Assert.Equal(ReadinessSeverity.Error, client.Severity);
        Assert.Contains("list-user-pool-clients", client.Fix);
        Assert.Contains("create-user-pool-client", client.Fix);
        Assert.True(rows.Single(r => r.Name == "ClientSecret").Skipped);
    }

    [Fact]
    public async Task The_chosen_identifier_source_is_checked()
    {
        var request = Pools.Request();
        request.IdentifierSource = IdentifierSource.Email;

        var rows = await new MigrationReadinessInspector(ReadyCognito(), null).RunAsync(request, CancellationToken.None);

        Assert.True(rows.Single(r => r.Name == "IdentifierSource").IsBlocking);
    }

    [Fact]
    public async Task Cancellation_is_not_turned_into_a_row()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => new MigrationReadinessInspector(ReadyCognito(), null).RunAsync(Pools.Request(), cancelled.Token));
    }
}
