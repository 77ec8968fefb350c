using CognitoClerk.Engine.Clerk;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

public sealed class ClerkQueryBatchesTests
{
    [Fact]
    public void At_most_100_values_per_call()
    {
        var ids = Enumerable.Range(0, 250).Select(i => "id" + i).ToList();
        var batches = ClerkQueryBatches.Build("external_id", ids, includePrefix: true).ToList();

        Assert.Equal(new[] { 100, 100, 50 }, batches.Select(b => b.Split('&').Length));
    }

    [Fact]
    public void Long_values_split_earlier_to_keep_the_request_line_short()
    {
        var emails = Enumerable.Range(0, 100).Select(i => new string('a', 100) + i + "@example.com").ToList();
        var batches = ClerkQueryBatches.Build("email_address", emails, includePrefix: false).ToList();

        Assert.True(batches.Count > 1);
        Assert.All(batches, b => Assert.True(b.Length <= ClerkQueryBatches.MaxQueryLength));
        Assert.Equal(100, batches.Sum(b => b.Split('&').Length));
    }

    [Fact]
    public void Every_external_id_is_an_explicit_include_and_url_encoded()
    {
        string query = ClerkQueryBatches.Build("external_id", new[] { "-starts-with-minus", "+plus", "a&b=c d" }, includePrefix: true).Single();

        Assert.Equal("external_id=%2B-starts-with-minus&external_id=%2B%2Bplus&external_id=%2Ba%26b%3Dc%20d", query);
    }

    [Fact]
    public void Drops_empty_and_duplicate_values()
    {
        string query = ClerkQueryBatches.Build("phone_number", new[] { "+1415", "", "+1415", null! }, includePrefix: false).Single();

        Assert.Equal("phone_number=%2B1415", query);
    }

    [Fact]
    public void No_values_no_call() =>
        Assert.Empty(ClerkQueryBatches.Build("external_id", Array.Empty<string>(), includePrefix: true));
}
