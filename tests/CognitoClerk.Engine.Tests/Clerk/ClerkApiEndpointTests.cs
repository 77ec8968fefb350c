using CognitoClerk.Engine.Clerk;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

public sealed class ClerkApiEndpointTests
{
    [Theory]
    [InlineData("https://api.clerk.com", "https://api.clerk.com/v1/")]
    [InlineData("https://api.clerk.com/", "https://api.clerk.com/v1/")]
    [InlineData("https://api.clerk.com/v1", "https://api.clerk.com/v1/")]
    [InlineData("https://api.clerk.com/v1/", "https://api.clerk.com/v1/")]
    [InlineData("https://proxy.example.com/clerk", "https://proxy.example.com/clerk/v1/")]
    [InlineData("  https://api.clerk.com  ", "https://api.clerk.com/v1/")]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123/v1/")]
    [InlineData("http://localhost:5123/v1", "http://localhost:5123/v1/")]
    [InlineData("http://[::1]:5123", "http://[::1]:5123/v1/")]
    public void Appends_v1_once(string given, string expected)
    {
        using var api = ClerkBackendApi.Create(new ClerkConnectionSettings(new ClerkSecretKey("sk_test_x"), given));
        Assert.Equal(expected, api.BaseUri.AbsoluteUri);
    }

    [Theory]
    [InlineData("http://api.clerk.com")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("http://127.0.0.1.nip.io")]
    [InlineData("ftp://api.clerk.com")]
    public void Refuses_anything_but_https_except_http_on_loopback(string given)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ClerkBackendApi.Create(new ClerkConnectionSettings(new ClerkSecretKey("sk_test_x"), given)));
        Assert.Contains("https://", error.Message);
    }

    [Fact]
    public void Says_why_http_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ClerkBackendApi.Create(new ClerkConnectionSettings(new ClerkSecretKey("sk_test_x"), "http://clerk.internal.example")));
        Assert.Contains("unencrypted", error.Message);
        Assert.Contains("loopback", error.Message);
    }

    [Theory]
    [InlineData("https://user:hunter2@api.clerk.com")]
    [InlineData("not a url hunter2")]
    [InlineData("https://api.clerk.com/?token=hunter2")]
    public void Never_repeats_credentials_it_was_given_in_the_url(string given)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ClerkBackendApi.Create(new ClerkConnectionSettings(new ClerkSecretKey("sk_test_x"), given)));
        Assert.DoesNotContain("hunter2", error.ToString());
    }

    [Fact]
    public void Empty_url_means_the_public_api()
    {
        using var api = ClerkBackendApi.Create(new ClerkConnectionSettings(new ClerkSecretKey("sk_test_x"), "  "));
        Assert.Equal("https://api.clerk.com/v1/", api.BaseUri.AbsoluteUri);
    }
}
