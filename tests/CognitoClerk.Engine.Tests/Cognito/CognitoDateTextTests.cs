using System.Globalization;
using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>
/// Dates that admins round-trip through Export-Csv and Import-Csv in their own culture keep their meaning
/// (issue 9, item 14): 1 November 2026 10:00 UTC, written by each culture as Export-Csv writes a DateTime.
/// </summary>
public sealed class CognitoDateTextTests
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

        CognitoDateTextResult read = CognitoDateText.Parse(written, culture);

        Assert.Equal(CognitoDateTextKind.Date, read.Kind);
        Assert.Equal(November1, read.Value);
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
            Assert.Equal(November1, CognitoDateText.Parse(text, CultureInfo.GetCultureInfo(name)).Value);
        }
    }

    [Fact]
    public void A_US_date_read_by_a_British_admin_is_ambiguous_and_not_guessed()
    {
        // Written month-first (en-US, with AM) but read where day-first is the rule: 11 January or 1 November?
        CognitoDateTextResult read = CognitoDateText.Parse("11/1/2026 10:00:00 AM", CultureInfo.GetCultureInfo("en-GB"));

        Assert.Equal(CognitoDateTextKind.Ambiguous, read.Kind);
        Assert.Equal(new DateTimeOffset(2026, 1, 11, 10, 0, 0, TimeSpan.Zero), read.Value);
        Assert.Equal(November1, read.Alternative);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("31/31/2026")]
    [InlineData("1e15")]
    public void Text_that_is_no_date_is_invalid(string text) =>
        Assert.Equal(CognitoDateTextKind.Invalid, CognitoDateText.Parse(text, CultureInfo.GetCultureInfo("en-GB")).Kind);

    [Fact]
    public void Blank_is_absent_not_wrong() =>
        Assert.Equal(CognitoDateTextKind.Absent, CognitoDateText.Parse("  ", CultureInfo.InvariantCulture).Kind);
}
