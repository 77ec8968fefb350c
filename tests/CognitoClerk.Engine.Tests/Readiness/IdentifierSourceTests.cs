using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Readiness;
using Xunit;

namespace CognitoClerk.Engine.Tests.Readiness;

public class IdentifierSourceTests
{
    public static TheoryData<string> PoolKinds => new() { "username", "email-as-username", "email-alias" };

    private static CognitoUserPool Pool(string kind) => kind switch
    {
        "username" => Pools.UsernamePool(),
        "email-as-username" => Pools.EmailAsUsernamePool(),
        _ => Pools.AliasPool("email"),
    };

    /// <summary>The rule behind -IdentifierSource Auto (an alias of Username in the cmdlets): Username passes in every kind of pool.</summary>
    [Theory]
    [MemberData(nameof(PoolKinds))]
    public void Username_passes_in_every_kind_of_pool(string kind)
    {
        ReadinessCheckResult row = IdentifierSourceCheck.Evaluate(Pool(kind), IdentifierSource.Username);

        Assert.True(row.Passed);
        Assert.Contains("Username works", row.Detail);
    }

    [Theory]
    [InlineData("username", IdentifierSource.Username, true, ReadinessSeverity.Info)]
    [InlineData("username", IdentifierSource.Email, false, ReadinessSeverity.Error)]
    [InlineData("username", IdentifierSource.PhoneNumber, false, ReadinessSeverity.Error)]
    [InlineData("username", IdentifierSource.PreferredUsername, false, ReadinessSeverity.Error)]
    [InlineData("username", IdentifierSource.Sub, false, ReadinessSeverity.Warning)]
    [InlineData("email-as-username", IdentifierSource.Username, true, ReadinessSeverity.Info)]
    [InlineData("email-as-username", IdentifierSource.Email, true, ReadinessSeverity.Info)]
    [InlineData("email-as-username", IdentifierSource.Sub, true, ReadinessSeverity.Info)]
    [InlineData("email-as-username", IdentifierSource.PhoneNumber, false, ReadinessSeverity.Error)]
    [InlineData("email-alias", IdentifierSource.Email, false, ReadinessSeverity.Warning)]
    [InlineData("email-alias", IdentifierSource.Username, true, ReadinessSeverity.Info)]
    public void The_source_is_judged_against_the_pools_sign_in_settings(string kind, IdentifierSource source, bool passed, ReadinessSeverity severity)
    {
        ReadinessCheckResult row = IdentifierSourceCheck.Evaluate(Pool(kind), source);

        Assert.Equal("IdentifierSource", row.Name);
        Assert.Equal(passed, row.Passed);
        Assert.Equal(severity, row.Severity);
        if (!passed)
        {
            // The engine names the setting and speaks of the domain; the cmdlet says "-IdentifierSource Username"
            // (TestCognitoMigrationReadinessTests.The_identifier_source_is_judged_against_the_pools_sign_in_settings).
            Assert.Equal(ReadinessSettings.IdentifierSource, row.Setting);
            Assert.Contains("Username, the default, works", row.Fix);
            Assert.DoesNotContain("-IdentifierSource", row.Fix);
        }
    }

    [Fact]
    public void A_preferred_username_alias_works()
    {
        Assert.True(IdentifierSourceCheck.Evaluate(Pools.AliasPool("preferred_username"), IdentifierSource.PreferredUsername).Passed);
    }

    [Fact]
    public void Case_sensitivity_is_described_and_a_pool_without_the_setting_counts_as_case_sensitive()
    {
        CognitoUserPool legacy = Pools.UsernamePool();
        legacy.UsernameCaseSensitive = null;

        Assert.Contains("case-insensitive", IdentifierSourceCheck.Evaluate(Pools.UsernamePool(), IdentifierSource.Username).Detail);
        Assert.Contains("case-sensitive", IdentifierSourceCheck.Evaluate(legacy, IdentifierSource.Username).Detail);
        Assert.True(new PoolSignInSettings(legacy).IsCaseSensitive);
    }
}
