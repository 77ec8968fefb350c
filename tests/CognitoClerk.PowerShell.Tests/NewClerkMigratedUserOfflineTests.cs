using System.Management.Automation;
using CognitoClerk.Emulators;
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
    private readonly string? _savedClientId = Environment.GetEnvironmentVariable("COGNITO_CLIENT_ID");
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

    [Fact]
    public void Cognito_users_are_converted_with_the_digest_parameters_and_unmigratable_ones_are_Skipped()
    {
        using var host = new ModuleHost();

        ScriptRun run = host.Run(@"
function NewUser([string] $name, [string] $status) {
    $user = [CognitoClerk.CognitoMigrationUser]::new()
    $user.Username = $name
    $user.Sub = ""sub-$name""
    $user.Email = ""$name@example.com""
    $user.EmailVerified = $true
    $user.UserStatus = $status
    $user.Enabled = $true
    $user.UserPoolId = 'us-west-2_Pool00001'
    $user.Attributes = @([CognitoClerk.CognitoUserAttribute]::new('sub', ""sub-$name""), [CognitoClerk.CognitoUserAttribute]::new('email', ""$name@example.com""))
    $user
}
(NewUser ann CONFIRMED), (NewUser bob FORCE_CHANGE_PASSWORD), (NewUser cy CONFIRMED) | New-ClerkMigratedUser -ClientId 1example23456789 -WhatIf -Verbose");

        Assert.Null(run.Terminating);
        var skipped = Assert.Single(run.Output);
        Assert.Equal("Skipped", skipped.Properties["Status"].Value.ToString());
        Assert.Equal("bob", skipped.Properties["CognitoUsername"].Value);
        Assert.Equal("sub-bob", skipped.Properties["ExternalId"].Value);
        Assert.Equal("CognitoUserForceChangePassword", skipped.Properties["ErrorCode"].Value);
        Assert.StartsWith("CognitoUserForceChangePassword,", Assert.Single(run.Errors).FullyQualifiedErrorId);
        Assert.Contains(run.Verbose, v => v.Contains("would create 2"));
    }

    [Fact]
    public void Without_a_client_id_Cognito_users_stop_the_run_once_but_digests_need_none()
    {
        Environment.SetEnvironmentVariable("COGNITO_CLIENT_ID", null);
        using var host = new ModuleHost();

        ScriptRun users = host.Run("try { [pscustomobject]@{ Username = 'a'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @() }, [pscustomobject]@{ Username = 'b' } | New-ClerkMigratedUser -UserPoolId us-west-2_Pool00001 -WhatIf } catch { throw }");
        ScriptRun digests = host.Run(DigestScript + "New-TestDigest 1 | New-ClerkMigratedUser -WhatIf -Verbose");

        var terminating = Assert.IsAssignableFrom<IContainsErrorRecord>(users.Terminating);
        Assert.StartsWith("ClientIdMissing,", terminating.ErrorRecord.FullyQualifiedErrorId);
        Assert.Empty(users.Errors);
        Assert.Null(digests.Terminating);
        Assert.Contains(digests.Verbose, v => v.Contains("would create 1"));
    }

    [Fact]
    public void A_digest_read_back_from_JSON_is_sent_as_the_same_payload()
    {
        using var host = new ModuleHost();
        object? fromJson = ConvertFromJsonStandIn.Convert("""
            {"password_hasher":"awscognito","password_digest":"awscognito#us-east-1_TEST#client123#dee","external_id":"sub-dee",
             "email_address":["dee@example.com"],"email_address_identification_status":["reserved"],"created_at":"2024-01-02T03:04:05.006Z",
             "private_metadata":{"cognito":{"username":"dee","user_pool_id":"us-east-1_TEST"}},"SourceUser":null}
            """);

        ScriptRun run = host.Run("$digest | New-ClerkMigratedUser -WhatIf -Verbose", new Dictionary<string, object?> { ["digest"] = fromJson });

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Empty(run.Output);
        Assert.Contains(run.Verbose, v => v.Contains("would create 1"));
    }

    [Fact]
    public async Task Get_CognitoMigrationUser_piped_straight_into_WhatIf_works_without_a_Clerk_key()
    {
        await using FakeCognitoServer cognito = await FakeCognitoServer.StartAsync();
        using EnvironmentScope aws = AwsTestCredentials.Environment();
        cognito.AddGeneratedPool("us-east-1_WhatIf001", 150);
        using var host = new ModuleHost();

        ScriptRun run = host.Run(
            "Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint | New-ClerkMigratedUser -ClientId 1example23456789 -WhatIf -Verbose",
            new Dictionary<string, object?> { ["pool"] = "us-east-1_WhatIf001", ["endpoint"] = cognito.EndpointUrl });

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Empty(run.Output);
        Assert.Contains(run.Verbose, v => v.Contains("would create 150"));
        AwsTestCredentials.AssertNoSecretIn(run);
    }

    [Fact]
    public void The_help_markdown_documents_exactly_the_cmdlets_parameters()
    {
        using var host = new ModuleHost();
        string markdown = File.ReadAllText(Path.Combine(CognitoClerk.Emulators.RepositoryPaths.Root, "docs", "New-ClerkMigratedUser.md"));
        var documented = System.Text.RegularExpressions.Regex
            .Matches(markdown, @"### -(\w+)\s.*?```yaml\s*\nType: (\S+).*?Required: (\w+)\s*\nPosition: (\S+).*?Accept pipeline input: ([^\n]+)", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => $"{m.Groups[1].Value}|{m.Groups[2].Value}|{m.Groups[3].Value}|{m.Groups[4].Value}|{m.Groups[5].Value.Trim()}")
            .OrderBy(s => s)
            .ToArray();

        var actual = host.Invoke(
            """
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters
            (Get-Command New-ClerkMigratedUser).Parameters.Values | Where-Object { $_.Name -notin $common } | ForEach-Object {
                $p = $_.ParameterSets['__AllParameterSets']
                $pipeline = if ($p.ValueFromPipeline) { 'True (ByValue)' } else { 'False' }
                $position = if ($p.Position -ge 0) { [string]$p.Position } else { 'Named' }
                '{0}|{1}|{2}|{3}|{4}' -f $_.Name, $_.ParameterType.Name, $p.IsMandatory, $position, $pipeline
            }
            """).Select(o => (string)o.BaseObject).OrderBy(s => s).ToArray();

        Assert.Equal(actual, documented);
        Assert.Equal("CognitoClerk.ClerkMigrationResult", Assert.Single(host.Invoke("(Get-Command New-ClerkMigratedUser).OutputType.Name")).BaseObject);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("CLERK_SECRET_KEY", _savedKey);
        Environment.SetEnvironmentVariable("CLERK_API_URL", _savedUrl);
        Environment.SetEnvironmentVariable("COGNITO_CLIENT_ID", _savedClientId);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
