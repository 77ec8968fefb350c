using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>The one reader of Cognito timestamps, for the JSON client and the cmdlets' input readers alike.</summary>
public class CognitoTimestampTests
{
    private const long Expected = 1682955829578;

    public static TheoryData<object> SameInstant => new()
    {
        1682955829.578d,
        1682955829.578m,
        "1682955829.578",
        " 1.682955829578E9 ",
        "2023-05-01T15:43:49.578Z",
        "2023-05-01T17:43:49.578+02:00",
        "2023-05-01 15:43:49.578",
        new DateTime(2023, 5, 1, 15, 43, 49, 578, DateTimeKind.Utc),
        new DateTime(2023, 5, 1, 15, 43, 49, 578, DateTimeKind.Unspecified),
        new DateTimeOffset(2023, 5, 1, 17, 43, 49, 578, TimeSpan.FromHours(2)),
    };

    [Theory]
    [MemberData(nameof(SameInstant))]
    public void Every_form_of_the_same_instant_reads_the_same_in_UTC(object value)
    {
        Assert.True(CognitoTimestamp.TryRead(value, out DateTimeOffset? read));

        Assert.Equal(Expected, read!.Value.ToUnixTimeMilliseconds());
        Assert.Equal(TimeSpan.Zero, read.Value.Offset);
    }

    [Fact]
    public void Whole_seconds_as_integers_are_epoch_seconds()
    {
        Assert.True(CognitoTimestamp.TryRead(1795485724L, out DateTimeOffset? read));
        Assert.Equal(1795485724000, read!.Value.ToUnixTimeMilliseconds());
        Assert.True(CognitoTimestamp.TryRead(1795485724, out read));
        Assert.Equal(1795485724000, read!.Value.ToUnixTimeMilliseconds());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void An_absent_or_blank_value_is_no_date_and_no_problem(string? value)
    {
        Assert.True(CognitoTimestamp.TryRead(value, out DateTimeOffset? read));
        Assert.Null(read);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("NaN")]
    [InlineData("1e300")]
    [InlineData("-1e300")]
    public void What_is_not_a_date_is_refused_without_throwing(string value)
    {
        Assert.False(CognitoTimestamp.TryRead(value, out DateTimeOffset? read));
        Assert.Null(read);
    }

    [Fact]
    public void Infinite_or_out_of_range_numbers_are_refused()
    {
        Assert.False(CognitoTimestamp.TryRead(double.PositiveInfinity, out _));
        Assert.False(CognitoTimestamp.TryRead(1e300d, out _));
        Assert.False(CognitoTimestamp.TryRead(long.MaxValue, out _));
        Assert.False(CognitoTimestamp.TryFromEpochSeconds(double.NaN, out _));
    }

    [Fact]
    public void A_local_DateTime_is_converted_and_an_unspecified_one_is_taken_as_UTC()
    {
        var local = new DateTime(2023, 5, 1, 15, 43, 49, 578, DateTimeKind.Local);

        Assert.Equal(local.ToUniversalTime(), CognitoTimestamp.FromDateTime(local).UtcDateTime);
        Assert.Equal(
            new DateTime(2023, 5, 1, 15, 43, 49, 578, DateTimeKind.Utc),
            CognitoTimestamp.FromDateTime(new DateTime(2023, 5, 1, 15, 43, 49, 578, DateTimeKind.Unspecified)).UtcDateTime);
    }

    [Fact]
    public void The_JSON_client_reads_text_dates_with_the_same_reader()
    {
        using var json = System.Text.Json.JsonDocument.Parse("{\"T\":\"2023-05-01T17:43:49.578+02:00\",\"U\":\"1e300\"}");

        Assert.Equal(Expected, CognitoJsonReader.ReadTimestamp(json.RootElement, "T")!.Value.ToUnixTimeMilliseconds());
        Assert.Null(CognitoJsonReader.ReadTimestamp(json.RootElement, "U"));
        Assert.Equal("2023-05-01T15:43:49.578Z", CognitoClerk.Engine.Clerk.ClerkFieldFormats.ToRfc3339(CognitoJsonReader.ReadTimestamp(json.RootElement, "T")!.Value));
    }
}
