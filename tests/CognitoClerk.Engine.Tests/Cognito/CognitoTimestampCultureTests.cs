using System.Globalization;
using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>
/// Dates that admins round-trip through Export-Csv and Import-Csv in their own culture keep their meaning
/// (issue 9, item 14): 1 November 2026 10:00 UTC, written by each culture as Export-Csv writes a DateTime.
/// </summary>
public sealed class CognitoTimestampCultureTests
{
    private static readonly DateTimeOffset November1 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("en-GB")]
    [InlineData("de-DE")]
    [InlineData("en-US")]
    [InlineData("fr-FR")]
    [InlineData("ja-JP")]
    [InlineData("nl-NL")]
    public void A_date_written_in_the_admins_culture_reads_back_as_the_same_day(string cultureName)
    {
        var culture = CultureInfo.GetCultureInfo(cultureName);
        string written = November1.UtcDateTime.ToString(culture);

        Assert.True(CognitoTimestamp.TryReadText(written, culture, out DateTimeOffset? read, out bool ambiguous));

        Assert.False(ambiguous);
        Assert.Equal(November1, read);
    }

    [Theory]
    [InlineData("2026-11-01T10:00:00.000000+00:00")]
    [InlineData("2026-11-01T10:00:00Z")]
    [InlineData("2026-11-01 10:00:00")]
    [InlineData("1793527200")]
    [InlineData("1.7935272E9")]
    public void ISO_and_the_AWS_CLI_forms_read_the_same_in_every_culture(string text)
    {
        foreach (string name in new[] { "en-GB", "de-DE", "en-US", "ja-JP" })
        {
            Assert.True(CognitoTimestamp.TryReadText(text, CultureInfo.GetCultureInfo(name), out DateTimeOffset? read, out _));
            Assert.Equal(November1, read);
        }
    }

    [Fact]
    public void A_US_date_read_by_a_British_admin_is_ambiguous_and_not_guessed()
    {
        // Written month-first (en-US, with AM) but read where day-first is the rule: 11 January or 1 November?
        Assert.False(CognitoTimestamp.TryReadText("11/1/2026 10:00:00 AM", CultureInfo.GetCultureInfo("en-GB"), out DateTimeOffset? read, out bool ambiguous));

        Assert.True(ambiguous);
        Assert.Null(read);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("31/31/2026")]
    [InlineData("1e15")]
    public void Text_that_is_no_date_is_refused_and_not_ambiguous(string text)
    {
        Assert.False(CognitoTimestamp.TryReadText(text, CultureInfo.GetCultureInfo("en-GB"), out _, out bool ambiguous));
        Assert.False(ambiguous);
    }
}
