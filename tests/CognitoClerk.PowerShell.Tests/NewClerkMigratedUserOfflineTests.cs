using System.Management.Automation;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>New-ClerkMigratedUser where no Clerk call may happen: -WhatIf, a missing key, bad input.</summary>
public sealed class NewClerkMigratedUserOfflineTests : IDisposable
{
    private const string DigestScript = @"
function New-TestDigest([int] $i) {
    $d = [CognitoClerk.ClerkCognitoDigest]::new()
    $d.password_digest = ""awscognito#us-east-1_TEST#client123#user$i""
    $d.external_id = ""sub-$i""
    $d.email_address = @(""user$i@example.com"")
    $d.email_address_identification_status = @('verified')
    $d.private_metadata = @{ cognito = @{ username = ""user$i""; user_pool_id = 'us-east-1_TEST' } }
    $d
}
";

    private readonly string? _savedKey = Environment.GetEnvironmentVariable("CLERK_SECRET_KEY");
    private readonly string? _savedUrl = Environment.GetEnvironmentVariable("CLERK_API_URL");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cognitoclerk-ps-" + Guid.NewGuid().ToString("N"));

    public NewClerkMigratedUserOfflineTests()
    {
        Environment.SetEnvironmentVariable("CLERK_SECRET_KEY", null);
        Environment.SetEnvironmentVariable("CLERK_API_URL", null);
        Directory.CreateDirectory(_directory);
    }

    [Fact]
    public void WhatIf_needs_no_key_sends_nothing_writes_no_journal_and_still_reports_unsendable_input()
    {
        using var host = new ModuleHost();
        string journal = Path.Combine(_directory, "whatif.jsonl");

        ScriptRun run = host.Run(DigestScript + @"
$bad = New-TestDigest 3
$bad.password_digest = ''
@((New-TestDigest 1), (New-TestDigest 2), $bad, [pscustomobject]@{ password_digest = 'awscognito#us-east-1_TEST#client123#user4'; external_id = 'sub-4'; email_address = @('user4@example.com') }) |
    New-ClerkMigratedUser -WhatIf -JournalPath $journal -Verbose", new Dictionary<string, object?> { ["journal"] = journal });

        Assert.Null(run.Terminating);
        var result = Assert.Single(run.Output);
        Assert.Equal("Skipped", result.Properties["Status"].Value.ToString());
        Assert.Equal("user3", result.Properties["CognitoUsername"].Value);
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("ClerkDigestInvalid,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.False(File.Exists(journal));

        // The three sendable users, the deserialized-looking one included, reached ShouldProcess.
        Assert.Contains(run.Verbose, v => v.Contains("would create 3"));
    }

    [Fact]
    public void Without_a_key_a_real_run_stops_once_before_any_user()
    {
        using var host = new ModuleHost();

        ScriptRun run = host.Run(DigestScript + "try { 1..5 | ForEach-Object { New-TestDigest $_ } | New-ClerkMigratedUser -Confirm:$false } catch { throw }");

        var terminating = Assert.IsAssignableFrom<IContainsErrorRecord>(run.Terminating);
        Assert.StartsWith("ClerkSecretKeyMissing,", terminating.ErrorRecord.FullyQualifiedErrorId);
        Assert.Contains("CLERK_SECRET_KEY", terminating.ErrorRecord.Exception.Message);
        Assert.Empty(run.Output);
        Assert.Empty(run.Errors);
    }

    [Fact]
    public void A_journal_held_by_another_run_is_a_terminating_error_before_any_user()
    {
        using var host = new ModuleHost();
        string journal = Path.Combine(_directory, "held.jsonl");
        using var held = new FileStream(journal + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        ScriptRun run = host.Run(DigestScript + "try { New-TestDigest 1 | New-ClerkMigratedUser -JournalPath $journal -Confirm:$false } catch { throw }", new Dictionary<string, object?> { ["journal"] = journal });

        var terminating = Assert.IsAssignableFrom<IContainsErrorRecord>(run.Terminating);
        Assert.StartsWith("ClerkJournalUnavailable,", terminating.ErrorRecord.FullyQualifiedErrorId);
        Assert.Empty(run.Output);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("CLERK_SECRET_KEY", _savedKey);
        Environment.SetEnvironmentVariable("CLERK_API_URL", _savedUrl);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
