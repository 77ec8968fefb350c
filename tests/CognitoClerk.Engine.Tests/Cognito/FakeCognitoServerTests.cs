using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>The fake itself, over raw HTTP: it must hold clients to Cognito's rules, or the client tests prove nothing.</summary>
public sealed class FakeCognitoServerTests : IAsyncLifetime
{
    private const string PoolId = "us-east-1_Raw00001";
    private const string FakeSigV4 =
        "AWS4-HMAC-SHA256 Credential=AKIDRAW/20250101/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00";

    private readonly HttpClient _http = new();
    private FakeCognitoServer _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeCognitoServer.StartAsync();
        _fake.AddGeneratedPool(PoolId, 100);
        _fake.AddAppClient(PoolId, "rawclient");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    private async Task<(int Status, string? ErrorType, JsonElement Body)> Call(string operation, string json, string? authorization = FakeSigV4, string contentType = "application/x-amz-json-1.1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _fake.Endpoint) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSCognitoIdentityProviderService." + operation);
        if (authorization != null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
            request.Headers.TryAddWithoutValidation("X-Amz-Date", "20250101T000000Z");
        }

        using HttpResponseMessage response = await _http.SendAsync(request);
        string? type = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.First() : null;
        return ((int)response.StatusCode, type, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task A_Limit_above_60_is_rejected_as_Cognito_does()
    {
        var (status, type, body) = await Call("ListUsers", $"{{\"UserPoolId\":\"{PoolId}\",\"Limit\":61}}");

        Assert.Equal(400, status);
        Assert.StartsWith("InvalidParameterException:", type);
        Assert.Contains("Member must have value less than or equal to 60", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_unsigned_ListUsers_and_a_signed_InitiateAuth_are_refused_and_counted()
    {
        var unsigned = await Call("ListUsers", $"{{\"UserPoolId\":\"{PoolId}\"}}", authorization: null);
        var signed = await Call("InitiateAuth", "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"rawclient\",\"AuthParameters\":{\"USERNAME\":\"user000001\",\"PASSWORD\":\"x\"}}");

        Assert.Equal(400, unsigned.Status);
        Assert.Equal(400, signed.Status);
        Assert.Equal(2, _fake.Counters.SignatureViolations);
    }

    [Fact]
    public async Task A_charset_on_the_content_type_is_refused()
    {
        var (status, _, body) = await Call("ListUsers", $"{{\"UserPoolId\":\"{PoolId}\"}}", contentType: "application/x-amz-json-1.1; charset=utf-8");

        Assert.Equal(400, status);
        Assert.Contains("Content-Type", body.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_token_is_only_good_with_the_filter_it_was_issued_for()
    {
        _fake.PageSizes = _ => 10;
        var first = await Call("ListUsers", $"{{\"UserPoolId\":\"{PoolId}\",\"Filter\":\"username ^= \\\"user0000\\\"\"}}");
        string token = first.Body.GetProperty("PaginationToken").GetString()!;

        var changed = await Call("ListUsers", $"{{\"UserPoolId\":\"{PoolId}\",\"PaginationToken\":\"{token}\"}}");

        Assert.Equal(400, changed.Status);
        Assert.StartsWith("InvalidParameterException", changed.ErrorType);
    }

    [Fact]
    public async Task Empty_pages_still_carry_a_token_and_timestamps_can_be_exponents()
    {
        _fake.PageSizes = page => page == 0 ? 0 : 60;
        _fake.TimestampStyle = FakeCognitoTimestampStyle.Exponent;

        var empty = await Call("ListUsers", $"{{\"UserPoolId\":\"{PoolId}\"}}");
        var next = await Call("ListUsers", $"{{\"UserPoolId\":\"{PoolId}\",\"PaginationToken\":\"{empty.Body.GetProperty("PaginationToken").GetString()}\"}}");

        Assert.Equal(0, empty.Body.GetProperty("Users").GetArrayLength());
        Assert.Equal(60, next.Body.GetProperty("Users").GetArrayLength());
        string raw = next.Body.GetProperty("Users")[0].GetProperty("UserCreateDate").GetRawText();
        Assert.Contains("E9", raw);
    }

    [Theory]
    [InlineData(1_682_955_829_578, false, "1682955829.578")]
    [InlineData(1_682_955_829_578, true, "1.682955829578E9")]
    [InlineData(1_600_000_000_000, true, "1.6E9")]
    public void Timestamps_are_written_as_Cognito_writes_them(long milliseconds, bool exponent, string expected) =>
        Assert.Equal(expected, FakeCognitoServer.FormatTimestamp(DateTimeOffset.FromUnixTimeMilliseconds(milliseconds), exponent));

    [Fact]
    public void A_generated_pool_of_100000_users_is_made_on_demand_and_found_by_name()
    {
        FakeCognitoUserSource source = FakeCognitoUserSource.Generated(100_000);

        Assert.Equal(100_000, source.Count);
        Assert.Equal("user099999", source.Get(99_999).Username);
        Assert.Equal("Passw0rd!054321", source.Find("user054321")!.Password);
        Assert.Null(source.Find("user100000"));
        Assert.Equal(source.Get(7).GetAttribute("sub"), source.Get(7).GetAttribute("sub"));
    }
}
