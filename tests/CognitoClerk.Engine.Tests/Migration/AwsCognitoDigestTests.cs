using CognitoClerk.Engine.Migration;
using Xunit;

namespace CognitoClerk.Engine.Tests.Migration;

public class AwsCognitoDigestTests
{
    [Fact]
    public void A_digest_is_formatted_and_read_back()
    {
        string digest = AwsCognitoDigest.Format("us-east-1_AbCdEf123", "client1", "alice@example.com");

        Assert.Equal("awscognito#us-east-1_AbCdEf123#client1#alice@example.com", digest);
        Assert.True(AwsCognitoDigest.TryParse(digest, out var pool, out var client, out var identifier));
        Assert.Equal(("us-east-1_AbCdEf123", "client1", "alice@example.com"), (pool, client, identifier));
    }

    [Theory]
    [InlineData("a#b", "c", "d")]
    [InlineData("a", "c#", "d")]
    [InlineData("a", "c", "#d")]
    [InlineData("", "c", "d")]
    public void A_part_that_is_empty_or_holds_the_separator_cannot_be_formatted(string pool, string client, string identifier)
    {
        Assert.Throws<ArgumentException>(() => AwsCognitoDigest.Format(pool, client, identifier));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bcrypt#a#b#c")]
    [InlineData("awscognito#a#b")]
    [InlineData("awscognito#a#b#c#d")]
    [InlineData("awscognito##b#c")]
    [InlineData("AWSCOGNITO#a#b#c")]
    public void Anything_else_is_not_a_digest(string? digest)
    {
        Assert.False(AwsCognitoDigest.TryParse(digest, out _, out _, out _));
    }
}
