using Amazon.Runtime;
using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

public class CognitoRequestSignerTests
{
    private static readonly CognitoConnection PublicEndpoint =
        new CognitoConnectionSettings { UserPoolId = "us-east-1_EXAMPLE" }.Resolve();

    private static readonly byte[] Body = System.Text.Encoding.UTF8.GetBytes("{\"UserPoolId\":\"us-east-1_EXAMPLE\",\"Limit\":60}");

    private static Dictionary<string, string> BaseHeaders() => new()
    {
        ["Content-Type"] = "application/x-amz-json-1.1",
        ["X-Amz-Target"] = "AWSCognitoIdentityProviderService.ListUsers",
    };

    [Fact]
    public void The_signature_matches_an_independent_SigV4_implementation()
    {
        // Reference vector computed with @smithy/signature-v4 (see shared/reference/cognito-api.md §2.3).
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);

        IDictionary<string, string> headers = new CognitoRequestSigner(PublicEndpoint)
            .Sign(BaseHeaders(), Body, credentials, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/us-east-1/cognito-idp/aws4_request, " +
            "SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target, " +
            "Signature=5dfaacf3dd52012b19bb1b698dbe7515224c2d00e6499f038e217266af631a53",
            headers["Authorization"]);
        Assert.Equal("20250101T000000Z", headers["X-Amz-Date"]);
    }

    [Fact]
    public void A_session_token_is_sent_and_signed()
    {
        var credentials = new ImmutableCredentials("ASIAEXAMPLE", "secret", "session-token-value");

        IDictionary<string, string> headers = new CognitoRequestSigner(PublicEndpoint).Sign(BaseHeaders(), Body, credentials);

        Assert.Equal("session-token-value", headers["X-Amz-Security-Token"]);
        Assert.Contains("x-amz-security-token", headers["Authorization"]);
    }

    [Fact]
    public void The_secret_key_never_appears_in_any_header()
    {
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);

        IDictionary<string, string> headers = new CognitoRequestSigner(PublicEndpoint).Sign(BaseHeaders(), Body, credentials);

        Assert.DoesNotContain(headers.Values, v => v.Contains("wJalrXUtnFEMI", StringComparison.Ordinal));
    }
}
