using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Readiness;
using Xunit;

namespace CognitoClerk.Engine.Tests.Readiness;

public class PoolAndClerkChecksTests
{
    [Theory]
    [InlineData("ON", false, ReadinessSeverity.Error)]
    [InlineData("OPTIONAL", false, ReadinessSeverity.Warning)]
    [InlineData("OFF", true, ReadinessSeverity.Info)]
    [InlineData(null, true, ReadinessSeverity.Info)]
    public void MFA_that_Clerk_cannot_answer_fails(string? mfa, bool passed, ReadinessSeverity severity)
    {
        ReadinessCheckResult row = SignInBlockerChecks.Mfa(Pools.UsernamePool(mfa), Pools.Request());

        Assert.Equal(passed, row.Passed);
        Assert.Equal(severity, row.Severity);
        if (!passed)
        {
            Assert.Contains("aws cognito-idp get-user-pool-mfa-config --user-pool-id eu-west-1_AbCdEf123 --region eu-west-1", row.Fix);
        }
    }

    [Fact]
    public void A_pre_authentication_trigger_is_a_warning_naming_the_function()
    {
        CognitoUserPool pool = Pools.UsernamePool();
        pool.LambdaTriggers = new Dictionary<string, string>
        {
            ["PreAuthentication"] = "arn:aws:lambda:eu-west-1:123456789012:function:gate",
            ["CustomMessage"] = "arn:aws:lambda:eu-west-1:123456789012:function:mail",
        };

        ReadinessCheckResult row = SignInBlockerChecks.LambdaTriggers(pool, Pools.Request());

        Assert.False(row.Passed);
        Assert.Equal(ReadinessSeverity.Warning, row.Severity);
        Assert.Contains("function:gate", row.Detail);
        Assert.DoesNotContain("function:mail", row.Detail);
        Assert.Contains("aws lambda get-function --function-name arn:aws:lambda:eu-west-1:123456789012:function:gate", row.Fix);
    }

    [Fact]
    public void Sign_in_triggers_that_do_not_reject_are_reported_but_pass()
    {
        CognitoUserPool pool = Pools.UsernamePool();
        pool.LambdaTriggers = new Dictionary<string, string>
        {
            ["PreTokenGeneration"] = "arn:aws:lambda:eu-west-1:123456789012:function:claims",
            ["UserMigration"] = "arn:aws:lambda:eu-west-1:123456789012:function:legacy",
        };

        ReadinessCheckResult row = SignInBlockerChecks.LambdaTriggers(pool, Pools.Request());

        Assert.True(row.Passed);
        Assert.Contains("function:claims", row.Detail);
        Assert.Contains("UserMigration", row.Detail);
    }

    [Fact]
    public void No_triggers_pass()
    {
        Assert.True(SignInBlockerChecks.LambdaTriggers(Pools.UsernamePool(), Pools.Request()).Passed);
    }

    [Theory]
    [InlineData("eu-west-1_AbC", null, null, true, ReadinessSeverity.Info)]
    [InlineData("eu-west-1_AbC", "eu-west-1", null, true, ReadinessSeverity.Info)]
    [InlineData("eu-west-1_AbC", "us-east-1", null, false, ReadinessSeverity.Error)]
    [InlineData("local_AbC", null, "http://127.0.0.1:9229", true, ReadinessSeverity.Info)]
    [InlineData("local_AbC", null, null, false, ReadinessSeverity.Error)]
    [InlineData("us-gov-west-1_AbC", null, null, true, ReadinessSeverity.Info)]
    public void The_region_is_the_one_the_pool_id_names(string poolId, string? explicitRegion, string? endpoint, bool passed, ReadinessSeverity severity)
    {
        var request = new MigrationReadinessRequest { UserPoolId = poolId, ExplicitRegion = explicitRegion, EndpointUrl = endpoint, Region = explicitRegion ?? "eu-west-1" };

        ReadinessCheckResult row = RegionCheck.Evaluate(request);

        Assert.Equal(passed, row.Passed);
        Assert.Equal(severity, row.Severity);
        if (!passed)
        {
            Assert.NotNull(row.Fix);
        }
    }

    [Theory]
    [InlineData("development", 250, false, ReadinessSeverity.Warning)]
    [InlineData("development", 100, true, ReadinessSeverity.Info)]
    [InlineData("development", null, true, ReadinessSeverity.Info)]
    [InlineData("production", 250_000, true, ReadinessSeverity.Info)]
    public void A_development_instance_is_compared_with_the_pools_size(string environment, int? estimate, bool passed, ReadinessSeverity severity)
    {
        CognitoUserPool? pool = estimate is null ? null : new CognitoUserPool { Id = Pools.PoolId, EstimatedNumberOfUsers = estimate };

        var rows = ClerkInstanceChecks.Evaluate(new ClerkInstanceInfo { Id = "ins_1", EnvironmentType = environment }, pool);

        Assert.True(rows.Single(r => r.Name == "ClerkSecretKey").Passed);
        ReadinessCheckResult instance = rows.Single(r => r.Name == "ClerkInstance");
        Assert.Equal(passed, instance.Passed);
        Assert.Equal(severity, instance.Severity);
        Assert.Contains(environment == "production" ? "1000 requests per 10 s" : "100 requests per 10 s", instance.Detail);
    }

    [Fact]
    public void A_production_plan_gives_the_duration_at_the_documented_rate()
    {
        var rows = ClerkInstanceChecks.Evaluate(
            new ClerkInstanceInfo { Id = "ins_1", EnvironmentType = "production" },
            new CognitoUserPool { Id = Pools.PoolId, EstimatedNumberOfUsers = 100_000 });

        // 100,000 users at 100 users/s: 1000 s, 17 minutes.
        Assert.Contains("about 17 min", rows.Single(r => r.Name == "ClerkInstance").Detail);
    }

    [Fact]
    public void A_refused_key_fails_and_the_instance_check_is_skipped()
    {
        var rows = ClerkInstanceChecks.Unreachable(
            new ClerkApiException(401, "authentication_invalid", "Unauthorized", null, null, "trace1"), Pools.Request());

        ReadinessCheckResult key = rows.Single(r => r.Name == "ClerkSecretKey");
        Assert.Equal(ReadinessSeverity.Error, key.Severity);
        Assert.Contains("Dashboard", key.Fix);
        Assert.True(rows.Single(r => r.Name == "ClerkInstance").Skipped);
    }
}
