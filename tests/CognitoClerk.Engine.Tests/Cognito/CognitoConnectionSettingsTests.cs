using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

public class CognitoConnectionSettingsTests
{
    [Fact]
    public void The_region_comes_from_the_pool_id_and_picks_the_public_endpoint()
    {
        CognitoConnection connection = new CognitoConnectionSettings { UserPoolId = "eu-west-3_AbC123", DefaultRegion = "us-east-1" }.Resolve();

        Assert.Equal("eu-west-3", connection.Region);
        Assert.Equal(new Uri("https://cognito-idp.eu-west-3.amazonaws.com/"), connection.Endpoint);
    }

    [Fact]
    public void An_explicit_region_wins_over_the_pool_id()
    {
        CognitoConnection connection = new CognitoConnectionSettings { UserPoolId = "eu-west-3_AbC123", Region = "ap-south-1" }.Resolve();

        Assert.Equal("ap-south-1", connection.Region);
        Assert.Equal("cognito-idp.ap-south-1.amazonaws.com", connection.Endpoint.Host);
    }

    [Fact]
    public void China_regions_use_the_china_partition_domain()
    {
        CognitoConnection connection = new CognitoConnectionSettings { UserPoolId = "cn-north-1_AbC123" }.Resolve();

        Assert.Equal(new Uri("https://cognito-idp.cn-north-1.amazonaws.com.cn/"), connection.Endpoint);
    }

    [Fact]
    public void A_pool_id_without_a_region_falls_back_to_the_default_region()
    {
        CognitoConnection connection = new CognitoConnectionSettings { UserPoolId = "local_AbC123", DefaultRegion = "us-west-2" }.Resolve();

        Assert.Equal("us-west-2", connection.Region);
        Assert.Equal("cognito-idp.us-west-2.amazonaws.com", connection.Endpoint.Host);
    }

    [Fact]
    public void An_explicit_endpoint_is_used_as_given_with_a_root_path()
    {
        CognitoConnection connection = new CognitoConnectionSettings
        {
            UserPoolId = "us-east-1_AbC123",
            EndpointUrl = "http://127.0.0.1:9229",
        }.Resolve();

        Assert.Equal(new Uri("http://127.0.0.1:9229/"), connection.Endpoint);
        Assert.Equal("us-east-1", connection.Region);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/")]
    [InlineData("http://cognito.example.com/")]
    public void Unusable_endpoints_are_setup_errors(string endpoint)
    {
        var ex = Assert.Throws<CognitoConfigurationException>(() =>
            new CognitoConnectionSettings { UserPoolId = "us-east-1_AbC123", EndpointUrl = endpoint }.Resolve());

        Assert.Equal(CognitoConfigurationProblem.InvalidEndpointUrl, ex.Problem);
    }

    [Fact]
    public void A_malformed_pool_id_is_refused_before_anything_else()
    {
        var ex = Assert.Throws<CognitoConfigurationException>(() =>
            new CognitoConnectionSettings { UserPoolId = "us-east-1:AbC", EndpointUrl = "http://127.0.0.1:1/" }.Resolve());

        Assert.Equal(CognitoConfigurationProblem.MalformedUserPoolId, ex.Problem);
    }

    [Fact]
    public void Creating_a_client_with_bad_settings_makes_no_call()
    {
        Assert.Throws<CognitoConfigurationException>(() => new CognitoIdentityProviderClient(new CognitoConnectionSettings()));
    }
}
