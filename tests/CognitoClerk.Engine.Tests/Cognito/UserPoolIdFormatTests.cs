using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

public class UserPoolIdFormatTests
{
    [Theory]
    [InlineData("us-east-1_AbCdEf123")]
    [InlineData("eu-central-2_x")]
    [InlineData("local_5G0dD8F9")]
    [InlineData("us-gov-west-1_Z9")]
    [InlineData("a_b_c1")]
    public void Accepts_ids_that_match_Cognitos_pattern(string id) => Assert.True(UserPoolIdFormat.IsValid(id));

    [Theory]
    [InlineData("")]
    [InlineData("us-east-1")]
    [InlineData("us-east-1_")]
    [InlineData("_abc")]
    [InlineData("us-east-1_abc-def")]
    [InlineData("us east-1_abc")]
    [InlineData("us-east-1_abc ")]
    [InlineData("ünï_abc")]
    public void Rejects_ids_that_cannot_be_pool_ids(string id) => Assert.False(UserPoolIdFormat.IsValid(id));

    [Fact]
    public void Rejects_ids_longer_than_55_characters()
    {
        string id = "us-east-1_" + new string('a', 45);
        Assert.True(UserPoolIdFormat.IsValid(id));
        Assert.False(UserPoolIdFormat.IsValid(id + "a"));
    }

    [Fact]
    public void A_missing_id_and_a_malformed_id_are_different_problems()
    {
        var missing = Assert.Throws<CognitoConfigurationException>(() => UserPoolIdFormat.EnsureValid("  "));
        var malformed = Assert.Throws<CognitoConfigurationException>(() => UserPoolIdFormat.EnsureValid("not-a-pool"));

        Assert.Equal(CognitoConfigurationProblem.MissingUserPoolId, missing.Problem);
        Assert.Equal(CognitoConfigurationProblem.MalformedUserPoolId, malformed.Problem);
        Assert.Contains("not-a-pool", malformed.Message);
    }

    [Theory]
    [InlineData("us-east-1_AbC", "us-east-1")]
    [InlineData("local_AbC", "local")]
    [InlineData("a_b_c1", "a_b")]
    public void The_prefix_is_everything_before_the_last_underscore(string id, string prefix) =>
        Assert.Equal(prefix, UserPoolIdFormat.PrefixOf(id));

    [Theory]
    [InlineData("us-east-1_AbC", "us-east-1")]
    [InlineData("us-gov-west-1_AbC", "us-gov-west-1")]
    [InlineData("local_AbC", null)]
    [InlineData("garbage", null)]
    public void Only_a_region_shaped_prefix_is_a_region(string id, string? region) =>
        Assert.Equal(region, UserPoolIdFormat.RegionOf(id));
}
