using CognitoClerk.Engine.Clerk;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

public sealed class ClerkRetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 12, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("7", 7)]
    [InlineData(" 123 ", 123)]
    [InlineData("0", 0)]
    public void Reads_delta_seconds(string header, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ClerkRetryAfter.Parse(header, Now));

    [Fact]
    public void Reads_an_http_date() =>
        Assert.Equal(TimeSpan.FromSeconds(42), ClerkRetryAfter.Parse("Tue, 12 May 2026 08:00:42 GMT", Now));

    [Fact]
    public void A_date_in_the_past_means_now() =>
        Assert.Equal(TimeSpan.Zero, ClerkRetryAfter.Parse("Tue, 12 May 2026 07:59:00 GMT", Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("1.5")]
    [InlineData("-3")]
    [InlineData("99999999999999999999999")]
    public void Falls_back_to_ten_seconds(string? header) =>
        Assert.Equal(TimeSpan.FromSeconds(10), ClerkRetryAfter.Parse(header, Now));
}
