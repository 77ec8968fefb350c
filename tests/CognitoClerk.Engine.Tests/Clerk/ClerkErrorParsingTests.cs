using System.Net;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

/// <summary>Whatever an error answer holds, the exception says what happened and keeps the trace id.</summary>
public sealed class ClerkErrorParsingTests
{
    private static Task<ClerkApiException> FailAsync(StubHandler handler)
    {
        var settings = new ClerkConnectionSettings(new ClerkSecretKey("sk_test_parsing"), "https://api.clerk.example")
        {
            RequestsPer10Seconds = ClerkTestSettings.Unpaced,
            MaxRetryAttempts = 0,
        };
        var api = ClerkBackendApi.Create(settings, handler);
        return Assert.ThrowsAsync<ClerkApiException>(() => api.GetInstanceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reads_every_part_of_clerks_error_body()
    {
        var error = await FailAsync(new StubHandler(HttpStatusCode.UnprocessableEntity, """
            {"errors":[{"message":"is unknown","long_message":"favourite_colour is not a valid parameter for this request.","code":"form_param_unknown","meta":{"param_name":"favourite_colour"}},
                       {"message":"second","long_message":"second","code":"ignored","meta":{}}],
             "meta":{},"clerk_trace_id":"0123456789abcdef0123456789abcdef"}
            """, headers: new Dictionary<string, string> { ["CF-Ray"] = "not-used-EMU" }));

        Assert.Equal(422, error.StatusCode);
        Assert.Equal("form_param_unknown", error.Code);
        Assert.Equal("is unknown", error.ServiceMessage);
        Assert.Equal("favourite_colour is not a valid parameter for this request.", error.LongMessage);
        Assert.Equal("favourite_colour", error.ParamName);
        Assert.Equal("0123456789abcdef0123456789abcdef", error.TraceId);
        Assert.Equal("Clerk answered 422 form_param_unknown: favourite_colour is not a valid parameter for this request. (clerk_trace_id 0123456789abcdef0123456789abcdef)", error.Message);
    }

    [Fact]
    public async Task Falls_back_to_the_cf_ray_header_for_the_trace_id()
    {
        var error = await FailAsync(new StubHandler(HttpStatusCode.Forbidden,
            """{"errors":[{"message":"quota","long_message":"You have reached your limit of 100 users.","code":"user_quota_exceeded"}]}""",
            headers: new Dictionary<string, string> { ["CF-Ray"] = "8f00aa11bb22cc33-FRA" }));

        Assert.Equal("8f00aa11bb22cc33-FRA", error.TraceId);
        Assert.False(error.IsAuthenticationFailure);
    }

    [Fact]
    public async Task A_non_json_body_still_says_what_happened()
    {
        var error = await FailAsync(new StubHandler(HttpStatusCode.BadGateway,
            "<html>\n<head><title>502 Bad Gateway</title></head>\n<body>upstream unreachable</body></html>", "text/html"));

        Assert.Equal(502, error.StatusCode);
        Assert.Null(error.Code);
        Assert.Contains("Bad Gateway", error.Message);
        Assert.Contains("text/html", error.Message);
        Assert.Contains("upstream unreachable", error.Message);
    }

    [Fact]
    public async Task Json_that_is_not_clerks_shape_is_shown_as_it_is()
    {
        var error = await FailAsync(new StubHandler(HttpStatusCode.NotFound, """{"message":"no route"}"""));

        Assert.Contains("no route", error.Message);
        Assert.Null(error.Code);
    }

    [Fact]
    public async Task An_empty_body_is_named_as_such()
    {
        var error = await FailAsync(new StubHandler(HttpStatusCode.ServiceUnavailable, ""));

        Assert.Contains("Service Unavailable", error.Message);
        Assert.Contains("empty body", error.Message);
    }

    [Fact]
    public async Task A_long_body_is_cut_short()
    {
        var error = await FailAsync(new StubHandler(HttpStatusCode.InternalServerError, new string('x', 100_000), "text/plain"));

        Assert.True(error.Message.Length < 400, error.Message.Length.ToString());
    }

    [Fact]
    public async Task A_success_that_is_not_json_is_reported_not_swallowed()
    {
        var settings = new ClerkConnectionSettings(new ClerkSecretKey("sk_test_parsing"), "https://api.clerk.example") { RequestsPer10Seconds = 10 };
        using var api = ClerkBackendApi.Create(settings, new StubHandler(HttpStatusCode.OK, "<html>captive portal</html>", "text/html"));

        var error = await Assert.ThrowsAsync<ClerkApiException>(() => api.GetInstanceAsync(CancellationToken.None));

        Assert.Equal("response_unreadable", error.Code);
    }

    [Fact]
    public async Task Sends_bearer_auth_version_and_json_headers()
    {
        var handler = new StubHandler(HttpStatusCode.OK, """{"object":"instance","id":"ins_1","environment_type":"production"}""");
        var settings = new ClerkConnectionSettings(new ClerkSecretKey("sk_test_headers"), "https://api.clerk.example") { RequestsPer10Seconds = 10 };
        using var api = ClerkBackendApi.Create(settings, handler);

        await api.GetInstanceAsync(CancellationToken.None);

        HttpRequestMessage request = Assert.Single(handler.Requests);
        Assert.Equal("https://api.clerk.example/v1/instance", request.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer sk_test_headers", request.Headers.Authorization!.ToString());
        Assert.Equal("2026-05-12", request.Headers.GetValues("Clerk-API-Version").Single());
        Assert.Contains("application/json", request.Headers.Accept.ToString());
    }
}
