using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>The client against the real cognito-local 5.3.0 process.</summary>
public sealed class CognitoClientAgainstCognitoLocalTests : IClassFixture<CognitoLocalFixture>
{
    private readonly CognitoLocalFixture _local;

    public CognitoClientAgainstCognitoLocalTests(CognitoLocalFixture local) => _local = local;

    private CognitoIdentityProviderClient Client() =>
        FakeCognitoClients.Create(FakeCognitoClients.Settings(_local.Server.EndpointUrl, _local.PoolId));

    [Fact]
    public async Task Lists_every_user_with_its_status_attributes_and_dates()
    {
        using var client = Client();

        List<CognitoUser> users = await FakeCognitoClients.ReadAllAsync(client, _local.PoolId);

        Assert.Equal(CognitoLocalFixture.Statuses.Length + 2, users.Count);
        foreach (string status in CognitoLocalFixture.Statuses)
        {
            CognitoUser user = Assert.Single(users, u => u.Username == status.ToLowerInvariant());
            Assert.Equal(status, user.UserStatus);
            Assert.Equal("gold", user.GetAttribute("custom:tier"));
            Assert.False(string.IsNullOrEmpty(user.GetAttribute("sub")));
            Assert.NotNull(user.UserCreateDate);
        }

        Assert.False(Assert.Single(users, u => u.Username == "disabled").Enabled);
        Assert.Equal("UNCONFIRMED", Assert.Single(users, u => u.Username == "signedup").UserStatus);
        Assert.All(users, u => Assert.Equal(_local.PoolId, u.UserPoolId));
    }

    [Fact]
    public async Task Reads_the_groups_and_their_members_as_cognito_local_5_3_0_implements_them()
    {
        using var client = Client();

        CognitoGroupMembership membership = await new CognitoGroupMembershipReader(client, _local.PoolId).ReadAllAsync(default);
        List<CognitoUser> users = await FakeCognitoClients.ReadAllAsync(client, _local.PoolId);

        Assert.Equal(new[] { "admins (1)", "editors (5)", "members" }, membership.Groups.Select(g => g.ToString()));
        IReadOnlyList<string> GroupsOf(string username)
        {
            CognitoUser user = Assert.Single(users, u => u.Username == username);
            return membership.GroupsOf(user.Username, user.GetAttribute("sub"));
        }

        Assert.Equal(new[] { "admins", "members" }, GroupsOf("confirmed"));
        Assert.Equal(new[] { "editors" }, GroupsOf("disabled"));
        Assert.Empty(GroupsOf("reset_required"));
        Assert.Equal(2, membership.MemberCount);
    }

    [Fact]
    public async Task A_filter_is_passed_through_to_Cognito()
    {
        using var client = Client();

        List<CognitoUser> users = await FakeCognitoClients.ReadAllAsync(client, _local.PoolId, "email ^= \"reset\"");

        Assert.Equal("reset_required", Assert.Single(users).Username);
    }

    [Fact]
    public async Task Describes_the_pool_and_its_clients()
    {
        using var client = Client();

        CognitoUserPool pool = await client.DescribeUserPoolAsync(_local.PoolId, default);
        CognitoUserPoolClient publicClient = await client.DescribeUserPoolClientAsync(_local.PoolId, _local.PublicClient.ClientId, default);
        CognitoUserPoolClient secretClient = await client.DescribeUserPoolClientAsync(_local.PoolId, _local.SecretClient.ClientId, default);

        Assert.Equal(_local.PoolId, pool.Id);
        Assert.Empty(pool.UsernameAttributes);
        Assert.False(publicClient.HasClientSecret);
        Assert.Contains("ALLOW_USER_PASSWORD_AUTH", publicClient.ExplicitAuthFlows);
        Assert.True(secretClient.HasClientSecret);
    }

    [Fact]
    public async Task A_missing_pool_is_ResourceNotFound()
    {
        using var client = Client();

        var ex = await Assert.ThrowsAsync<CognitoServiceException>(() => client.DescribeUserPoolAsync("local_Missing9", default));

        Assert.True(ex.IsResourceNotFound);
    }

    [Theory]
    [InlineData("confirmed", CognitoLocalFixture.Password, CognitoPasswordOutcome.Authenticated)]
    [InlineData("confirmed", "Wrong#Pass1", CognitoPasswordOutcome.WrongPassword)]
    [InlineData("nobody-here", CognitoLocalFixture.Password, CognitoPasswordOutcome.WrongPassword)]
    [InlineData("force_change_password", CognitoLocalFixture.Password, CognitoPasswordOutcome.Challenge)]
    [InlineData("unconfirmed", CognitoLocalFixture.Password, CognitoPasswordOutcome.UserNotConfirmed)]
    [InlineData("signedup", CognitoLocalFixture.Password, CognitoPasswordOutcome.UserNotConfirmed)]
    [InlineData("reset_required", CognitoLocalFixture.Password, CognitoPasswordOutcome.PasswordResetRequired)]
    public async Task InitiateAuth_outcomes(string username, string password, CognitoPasswordOutcome expected)
    {
        using var client = Client();

        CognitoPasswordCheck check = await client.CheckPasswordAsync(_local.PublicClient.ClientId, username, password, default);

        Assert.Equal(expected, check.Outcome);
        if (expected == CognitoPasswordOutcome.Challenge)
        {
            Assert.Equal("NEW_PASSWORD_REQUIRED", check.ChallengeName);
        }

        Assert.DoesNotContain(password, check.Message ?? string.Empty);
    }

    [Fact]
    public async Task InitiateAuth_with_an_unknown_client_is_an_error_not_an_outcome()
    {
        using var client = Client();

        var ex = await Assert.ThrowsAsync<CognitoServiceException>(() =>
            client.CheckPasswordAsync("nosuchclient0000000000000", "confirmed", CognitoLocalFixture.Password, default));

        Assert.True(ex.IsResourceNotFound);
        Assert.DoesNotContain(CognitoLocalFixture.Password, ex.ToString());
    }
}
