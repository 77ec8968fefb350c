using System.Text;
using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

public class CognitoErrorParserTests
{
    private static CognitoServiceException Parse(int status, string? header, string body) =>
        CognitoErrorParser.Parse("ListUsers", status, header, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_header_wins_over_the_body_and_is_sanitised()
    {
        var ex = Parse(400, "TooManyRequestsException:http://internal.amazon.com/coral/com.amazon.coral.service/",
            "{\"__type\":\"SomethingElse\",\"message\":\"Too many requests\"}");

        Assert.Equal("TooManyRequestsException", ex.ErrorType);
        Assert.True(ex.IsThrottling);
        Assert.Equal("Too many requests", ex.ServiceMessage);
    }

    [Fact]
    public void The_body_type_is_used_without_a_header_and_loses_its_namespace()
    {
        var ex = Parse(400, null, "{\"__type\":\"com.amazonaws.cognito.identity.idp.model#ResourceNotFoundException\",\"message\":\"User pool x does not exist.\"}");

        Assert.Equal("ResourceNotFoundException", ex.ErrorType);
        Assert.True(ex.IsResourceNotFound);
        Assert.True(ex.IsSetupFailure);
    }

    [Fact]
    public void Code_and_a_capitalised_Message_are_understood()
    {
        var ex = Parse(400, null, "{\"code\":\"UnrecognizedClientException\",\"Message\":\"The security token included in the request is invalid.\"}");

        Assert.Equal("UnrecognizedClientException", ex.ErrorType);
        Assert.Equal("The security token included in the request is invalid.", ex.ServiceMessage);
        Assert.True(ex.IsAccessFailure);
    }

    [Fact]
    public void A_bare_rate_exceeded_body_is_throttling()
    {
        var ex = Parse(400, null, "{\"message\":\"Rate exceeded\"}");

        Assert.Equal(CognitoErrorTypes.TooManyRequests, ex.ErrorType);
        Assert.True(ex.IsThrottling);
    }

    [Fact]
    public void A_proxy_page_without_json_is_a_server_error_with_its_status()
    {
        var ex = Parse(502, null, "<html>Bad Gateway</html>");

        Assert.True(ex.IsServerError);
        Assert.Equal(502, ex.StatusCode);
        Assert.Contains("502", ex.ServiceMessage);
    }

    [Fact]
    public void An_unknown_4xx_is_neither_retryable_nor_a_setup_failure()
    {
        var ex = Parse(400, null, "{\"__type\":\"InvalidParameterException\",\"message\":\"Error while parsing filter.\"}");

        Assert.False(ex.IsThrottling);
        Assert.False(ex.IsServerError);
        Assert.False(ex.IsSetupFailure);
    }

    [Theory]
    [InlineData("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("FooError", "FooError")]
    [InlineData("  FooError  ", "FooError")]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Sanitising_follows_the_AWS_SDKs(string? raw, string? expected) =>
        Assert.Equal(expected, CognitoErrorParser.Sanitize(raw));
}
