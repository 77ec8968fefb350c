using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Readiness;
using Xunit;

namespace CognitoClerk.Engine.Tests.Readiness;

public class AppClientChecksTests
{
    private static ReadinessCheckResult Row(IReadOnlyList<ReadinessCheckResult> rows, string name) => rows.Single(r => r.Name == name);

    [Fact]
    public void A_public_client_with_the_flow_passes_all_three_checks()
    {
        var rows = AppClientChecks.Evaluate(Pools.PublicClient("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"), Pools.Request());

        Assert.Equal(new[] { "AppClient", "ClientSecret", "UserPasswordAuth" }, rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.True(r.Passed));
    }

    [Fact]
    public void A_client_with_a_secret_fails_with_a_new_public_client_as_the_fix()
    {
        CognitoUserPoolClient client = Pools.PublicClient("ALLOW_USER_PASSWORD_AUTH");
        client.HasClientSecret = true;

        ReadinessCheckResult secret = Row(AppClientChecks.Evaluate(client, Pools.Request()), "ClientSecret");

        Assert.False(secret.Passed);
        Assert.Equal(ReadinessSeverity.Error, secret.Severity);
        Assert.Contains(
            "aws cognito-idp create-user-pool-client --user-pool-id eu-west-1_AbCdEf123 --client-name clerk-migration --no-generate-secret --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH --region eu-west-1",
            secret.Fix);
    }

    [Fact]
    public void A_client_without_the_flow_gets_an_update_that_keeps_its_flows_name_and_settings_and_a_warning()
    {
        var rows = AppClientChecks.Evaluate(Pools.PublicClient("ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"), Pools.Request());

        ReadinessCheckResult flow = Row(rows, "UserPasswordAuth");

        Assert.False(flow.Passed);
        Assert.Equal(ReadinessSeverity.Error, flow.Severity);
        Assert.Contains("ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH", flow.Detail);
        Assert.Contains(
            "aws cognito-idp update-user-pool-client --user-pool-id eu-west-1_AbCdEf123 --client-id 1example23456789abcdefghij --client-name 'web app' " +
            "--explicit-auth-flows ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_PASSWORD_AUTH --prevent-user-existence-errors ENABLED --region eu-west-1",
            flow.Fix);
        Assert.Contains("resets every setting it is not given", flow.Fix);
        Assert.Contains("describe-user-pool-client", flow.Fix);
        Assert.Contains("create-user-pool-client", flow.Fix);
        Assert.True(Row(rows, "ClientSecret").Passed);
    }

    [Fact]
    public void Unset_flows_are_reported_as_Cognitos_defaults_which_lack_USER_PASSWORD()
    {
        ReadinessCheckResult flow = Row(AppClientChecks.Evaluate(Pools.PublicClient(), Pools.Request()), "UserPasswordAuth");

        Assert.False(flow.Passed);
        Assert.Contains("not set", flow.Detail);
        Assert.Contains("--explicit-auth-flows ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_SRP_AUTH ALLOW_CUSTOM_AUTH ALLOW_USER_PASSWORD_AUTH", flow.Fix);
    }

    [Fact]
    public void A_secret_client_without_the_flow_is_not_told_to_update_a_client_it_cannot_use()
    {
        CognitoUserPoolClient client = Pools.PublicClient("ALLOW_USER_SRP_AUTH");
        client.HasClientSecret = true;

        ReadinessCheckResult flow = Row(AppClientChecks.Evaluate(client, Pools.Request()), "UserPasswordAuth");

        Assert.False(flow.Passed);
        Assert.DoesNotContain("update-user-pool-client", flow.Fix);
        Assert.Contains("create-user-pool-client", flow.Fix);
    }

    [Fact]
    public void Commands_carry_the_profile_and_endpoint_the_module_used()
    {
        var request = Pools.Request();
        request.ProfileName = "migration admin";
        request.EndpointUrl = "http://127.0.0.1:9229/";
        CognitoUserPoolClient client = Pools.PublicClient();
        client.HasClientSecret = true;

        ReadinessCheckResult secret = Row(AppClientChecks.Evaluate(client, request), "ClientSecret");

        Assert.EndsWith("--region eu-west-1 --profile 'migration admin' --endpoint-url http://127.0.0.1:9229/", secret.Fix);
    }

    [Fact]
    public void No_client_id_is_a_failed_check_with_both_ways_forward()
    {
        var rows = AppClientChecks.NoClientGiven(Pools.Request(clientId: null));

        ReadinessCheckResult client = Row(rows, "AppClient");
        Assert.Equal(ReadinessSeverity.Error, client.Severity);
        Assert.Contains("list-user-pool-clients", client.Fix);
        Assert.Contains("create-user-pool-client", client.Fix);
        Assert.True(Row(rows, "ClientSecret").Skipped);
        Assert.True(Row(rows, "UserPasswordAuth").Skipped);
    }
}
