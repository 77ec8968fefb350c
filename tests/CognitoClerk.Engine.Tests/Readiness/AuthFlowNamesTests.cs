using CognitoClerk.Engine.Readiness;
using Xunit;

namespace CognitoClerk.Engine.Tests.Readiness;

public class AuthFlowNamesTests
{
    [Theory]
    [InlineData(new[] { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" }, true)]
    [InlineData(new[] { "USER_PASSWORD_AUTH" }, true)]
    [InlineData(new[] { "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" }, false)]
    [InlineData(new[] { "ALLOW_ADMIN_USER_PASSWORD_AUTH" }, false)]
    [InlineData(new string[0], false)]
    public void Only_USER_PASSWORD_AUTH_in_either_spelling_counts(string[] flows, bool expected)
    {
        Assert.Equal(expected, AuthFlowNames.AllowsUserPasswordAuth(flows));
    }

    [Fact]
    public void An_unset_list_is_Cognitos_defaults_plus_the_flow()
    {
        Assert.Equal(
            new[] { "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH" },
            AuthFlowNames.WithUserPasswordAuth(Array.Empty<string>()));
    }

    [Fact]
    public void The_clients_own_flows_are_kept_in_order()
    {
        Assert.Equal(
            new[] { "ALLOW_USER_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_PASSWORD_AUTH" },
            AuthFlowNames.WithUserPasswordAuth(new[] { "ALLOW_USER_SRP_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH" }));
    }

    [Fact]
    public void Legacy_flows_become_their_ALLOW_equivalents_because_Cognito_refuses_a_mix()
    {
        IReadOnlyList<string> flows = AuthFlowNames.WithUserPasswordAuth(new[] { "ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY" });

        Assert.Equal(
            new[] { "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH" },
            flows);
        Assert.DoesNotContain(flows, f => !f.StartsWith("ALLOW_", StringComparison.Ordinal));
    }
}
