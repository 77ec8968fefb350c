using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Users exported with Export-Csv and read back with Import-Csv in the admin's own culture keep their creation
/// date (issue 9, item 14): en-GB used to swap day and month, de-DE to drop the date.
/// </summary>
public sealed class CsvCultureRoundTripTests : IDisposable
{
    private readonly ModuleHost _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("en-GB", "01/11/2026 10:00:00")]
    [InlineData("de-DE", "01.11.2026 10:00:00")]
    [InlineData("en-US", "11/1/2026 10:00:00 AM")]
    [InlineData("fr-FR", "01/11/2026 10:00:00")]
    public void The_created_at_of_a_CSV_round_trip_is_the_date_Cognito_had(string culture, string written)
    {
        // Export-Csv writes a DateTime as its ToString() in the current culture, and Import-Csv hands back that text.
        // The test host has no Microsoft.PowerShell.Utility, so the round trip is spelled out: the row Import-Csv returns.
        ScriptRun run = _host.Run(
            """
            [System.Globalization.CultureInfo]::CurrentCulture = $culture
            $created = [datetime]::new(2026, 11, 1, 10, 0, 0, [System.DateTimeKind]::Utc)
            $row = [pscustomobject]@{
                Username = 'ann'; Sub = 'sub-ann'; Email = 'ann@example.com'; UserStatus = 'CONFIRMED'; Enabled = 'True'
                UserCreateDate = $created.ToString(); UserPoolId = 'eu-west-2_AbCdEf123'
            }
            $row | ConvertTo-ClerkCognitoDigest -ClientId 1example23456789abcdefghij
            $row.UserCreateDate
            """,
            new Dictionary<string, object?> { ["culture"] = culture });

        Assert.Empty(run.Errors);
        Assert.Empty(run.Warnings);
        // ICU writes a narrow no-break space before AM; what matters is the order of day and month.
        Assert.Equal(written, ((string)run.Output.Last().BaseObject).Replace('\u202F', ' '));
        Assert.Equal("2026-11-01T10:00:00.000Z", run.Output.First().Properties["created_at"].Value);
    }

    [Fact]
    public void A_date_that_reads_two_ways_is_left_out_with_a_warning_not_guessed()
    {
        ScriptRun run = _host.Run(
            """
            [System.Globalization.CultureInfo]::CurrentCulture = 'en-GB'
            [pscustomobject]@{ Username = 'ann'; Sub = 'sub-ann'; UserStatus = 'CONFIRMED'; Enabled = 'True'; UserCreateDate = '11/1/2026 10:00:00 AM'; UserPoolId = 'eu-west-2_AbCdEf123' } |
                ConvertTo-ClerkCognitoDigest -ClientId 1example23456789abcdefghij
            """);

        Assert.Null(Assert.Single(run.Output).Properties["created_at"].Value);
        string warning = Assert.Single(run.Warnings);
        Assert.Contains("two different dates", warning);
        Assert.Contains("en-GB", warning);
    }
}
