using CognitoClerk.Engine.Clerk;
using Xunit;

namespace CognitoClerk.Engine.Tests.Clerk;

/// <summary>The one RFC3339 formatter: the mapper's created_at and a digest's date read back from JSON agree.</summary>
public class ClerkFieldFormatsTests
{
    [Fact]
    public void Both_forms_of_a_time_give_Clerks_RFC3339_in_UTC_with_milliseconds()
    {
        var utc = new DateTime(2012, 10, 20, 7, 15, 20, 902, DateTimeKind.Utc);

        Assert.Equal("2012-10-20T07:15:20.902Z", ClerkFieldFormats.ToRfc3339(utc));
        Assert.Equal("2012-10-20T07:15:20.902Z", ClerkFieldFormats.ToRfc3339(new DateTimeOffset(2012, 10, 20, 9, 15, 20, 902, TimeSpan.FromHours(2))));
        Assert.Equal(ClerkFieldFormats.ToRfc3339(new DateTimeOffset(utc.ToLocalTime())), ClerkFieldFormats.ToRfc3339(utc.ToLocalTime()));
    }
}
