using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CognitoClerk.Hosting;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// The module's views (CognitoClerk.format.ps1xml): loaded by the engine's own format loader, registered
/// by Import-Module, rendered as a table at the prompt, and a list view that shows every property.
/// The hosted engine has no Format-*; Out-Host renders the default view into <see cref="RecordingHost"/>.
/// </summary>
public sealed partial class FormatViewTests
{
    private static string FormatFile => Path.Combine(Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!, "CognitoClerk.format.ps1xml");

    public static TheoryData<string> ViewedTypes => new()
    {
        "CognitoClerk.ClerkMigrationResult", "CognitoClerk.CognitoMigrationUser", "CognitoClerk.ClerkCognitoDigest",
        "CognitoClerk.MigrationReadinessCheck", "CognitoClerk.MigratedUserValidationResult", "CognitoClerk.ClerkRemovalResult",
        "CognitoClerk.ClerkMigrationUserStatus", "CognitoClerk.ClerkMigrationStatusSummary", "CognitoClerk.ClerkSyncResult",
    };

    [Fact]
    public void The_engine_loads_the_format_file_without_errors()
    {
        // FormatTable runs PowerShell's format loader and throws FormatTableLoadException listing every error.
        var table = new FormatTable([FormatFile]);

        Assert.NotNull(table);
    }

    [Fact]
    public void Import_Module_registers_the_format_file()
    {
        using var host = new ModuleHost();

        var files = host.Invoke("(Get-Module CognitoClerk).ExportedFormatFiles").Select(o => o.ToString()).ToList();

        Assert.Contains(files, f => Path.GetFullPath(f) == Path.GetFullPath(FormatFile));
    }

    [Fact]
    public void A_migration_result_shows_as_a_table_of_status_user_Clerk_id_and_reason()
    {
        string text = Render("""
            [CognitoClerk.ClerkMigrationResult]@{ Status = 'Created'; CognitoUsername = 'alice'; ClerkUserId = 'user_2alice'; Email = 'alice@example.com'; TraceId = 'trace-1' },
            [CognitoClerk.ClerkMigrationResult]@{ Status = 'Skipped'; CognitoUsername = 'bob'; Reason = 'UserStatus FORCE_CHANGE_PASSWORD cannot sign in with a password' }
            """);

        Assert.Matches(new Regex(@"^Status\s+CognitoUsername\s+ClerkUserId or Reason\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^Created\s+alice\s+user_2alice\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^Skipped\s+bob\s+UserStatus FORCE_CHANGE_PASSWORD", RegexOptions.Multiline), text);
        Assert.DoesNotContain("trace-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Cognito_user_shows_as_a_table_of_username_email_and_status_with_a_disabled_user_marked()
    {
        string text = Render("""
            [CognitoClerk.CognitoMigrationUser]@{ Username = 'carol'; Email = 'carol@example.com'; UserStatus = 'CONFIRMED'; Enabled = $true; Sub = 'sub-carol' }
            [CognitoClerk.CognitoMigrationUser]@{ Username = 'dan'; Email = 'dan@example.com'; UserStatus = 'CONFIRMED'; Enabled = $false }
            """);

        Assert.Matches(new Regex(@"^Username\s+Email\s+UserStatus\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^carol\s+carol@example\.com\s+CONFIRMED\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^dan\s+dan@example\.com\s+CONFIRMED \(disabled\)\s*$", RegexOptions.Multiline), text);
        Assert.DoesNotContain("sub-carol", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_shows_the_identifier_Clerk_will_send_to_Cognito_its_email_and_whether_it_can_be_migrated()
    {
        string text = Render("""
            $digest = [CognitoClerk.ClerkCognitoDigest]::new()
            $digest.external_id = 'sub-dave'
            $digest.email_address = @('dave@example.com')
            $digest.password_digest = 'awscognito#eu-west-1_Pool1#client1#dave-login'
            $digest
            """);

        Assert.Matches(new Regex(@"^Identifier\s+email_address\s+Migratable\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^dave-login\s+dave@example\.com\s+True\s*$", RegexOptions.Multiline), text);
    }

    [Fact]
    public void What_ConvertTo_ClerkCognitoDigest_writes_renders_through_the_digest_table()
    {
        string text = Render("""
            @{ Username = 'erin'; UserStatus = 'CONFIRMED'; Enabled = $true; UserPoolId = 'eu-west-1_AbCdEf123'
               Attributes = @(@{ Name = 'sub'; Value = '7f0c1a52-0000-4000-8000-00000000e41e' }, @{ Name = 'email'; Value = 'erin@example.com' }) } |
                ConvertTo-ClerkCognitoDigest -ClientId 1example23456789abcdefghij
            """);

        Assert.Matches(new Regex(@"^Identifier\s+email_address\s+Migratable\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^erin\s+erin@example\.com\s+True\s*$", RegexOptions.Multiline), text);
    }

    [Fact]
    public void A_readiness_check_shows_one_row_per_check_under_a_header_and_a_failed_check_s_fix_in_words()
    {
        const string fix = "aws cognito-idp update-user-pool-client --user-pool-id eu-west-1_AbCdEf123 --client-id 1example23456789abcdefghij --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH";
        string text = Render($$"""
            [CognitoClerk.MigrationReadinessCheck]@{ Name = 'UserPool'; Passed = $true; Severity = 'Error'; Detail = 'eu-west-1_AbCdEf123 is readable.' }
            [CognitoClerk.MigrationReadinessCheck]@{ Name = 'UserPasswordAuth'; Passed = $false; Severity = 'Error'; Detail = 'The client does not allow USER_PASSWORD_AUTH.'; Fix = '{{fix}}' }
            [CognitoClerk.MigrationReadinessCheck]@{ Name = 'ClerkInstance'; Skipped = $true; Severity = 'Warning'; Detail = 'No Clerk key.'; Fix = 'Set CLERK_SECRET_KEY.' }
            """);

        Assert.Matches(new Regex(@"^Result\s+Check\s+Detail\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^Passed\s+UserPool\s+eu-west-1_AbCdEf123 is readable\.\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^Error\s+UserPasswordAuth\s+The client does not allow USER_PASSWORD_AUTH\.\s*$", RegexOptions.Multiline), text);

        // Wrapped at spaces in the Detail column: the words of the fix, in order, with nothing between them.
        Assert.Contains("Fix: " + fix, Regex.Replace(text, @"\s+", " "), StringComparison.Ordinal);
        Assert.Matches(new Regex(@"^Skipped\s+ClerkInstance\s+No Clerk key\.\s*$", RegexOptions.Multiline), text);
    }

    [Fact]
    public void A_validation_result_shows_the_identifier_and_what_each_side_said()
    {
        string text = Render("""
            [CognitoClerk.MigratedUserValidationResult]@{ Identifier = 'alice'; Passed = $true; CognitoStatus = 'Authenticated'; ClerkStatus = 'Verified'; ClerkUserId = 'user_2alice'; CognitoDetail = 'tokens issued' }
            """);

        Assert.Matches(new Regex(@"^Passed\s+Identifier\s+CognitoStatus\s+ClerkStatus, ClerkUserId\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^True\s+alice\s+Authenticated\s+Verified\s*\n\s+user_2alice\s*$", RegexOptions.Multiline), text);
    }

    [Fact]
    public void A_removal_result_shows_status_user_Clerk_id_and_when_they_signed_in_within_80_columns()
    {
        string text = Render("""
            [CognitoClerk.ClerkRemovalResult]@{ Status = 'Removed'; CognitoUsername = 'ann.lee.003'; ClerkUserId = 'user_2AbCdEfGhIjKlMnOpQrStUvWxYz'; Reason = 'removed' }
            [CognitoClerk.ClerkRemovalResult]@{ Status = 'Kept'; CognitoUsername = 'søren.ågård.016'; ClerkUserId = 'user_2ZyXwVuTsRqPoNmLkJiHgFeDcBa'; LastSignInAt = [datetime]::new(2026, 8, 1, 10, 22, 0, [DateTimeKind]::Utc); ErrorCode = 'ClerkUserSignedIn'; Reason = 'signed in' }
            """);

        Assert.Matches(new Regex(@"^Status\s+CognitoUsername\s+ClerkUserId\s+LastSignInAt\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^Removed\s+ann\.lee\.003\s+user_2AbCdEfGhIjKlMnOpQrStUvWxYz\s*$", RegexOptions.Multiline), text);
        Assert.Matches(new Regex(@"^Kept\s+søren\.ågård\.016\s+user_2ZyXwVuTsRqPoNmLkJiHgFeDcBa\s+2026-08-01 10:22\s*$", RegexOptions.Multiline), text);
        Assert.DoesNotContain("ClerkUserSignedIn", text, StringComparison.Ordinal);
        Assert.All(text.Split('\n'), line => Assert.True(line.TrimEnd().Length <= 80, $"wider than 80 columns: '{line}'"));
    }

    [Theory]
    [MemberData(nameof(ViewedTypes))]
    public void Each_type_has_a_default_view_first_and_a_list_view_naming_every_property(string typeName)
    {
        using var host = new ModuleHost();
        var type = (Type)host.Invoke($"[{typeName}]").Single().BaseObject;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var views = XDocument.Load(FormatFile).Descendants("View")
            .Where(v => v.Element("ViewSelectedBy")?.Elements("TypeName").Any(t => t.Value == typeName) == true)
            .ToList();

        Assert.True(views.Count == 2, $"{typeName}: expected a default view and a list view, found {views.Count} view(s)");
        Assert.True(views[0].Element("TableControl") != null || views[0].Element("CustomControl") != null, $"{typeName}: the default view is neither a table nor a custom view");
        XElement list = views[1].Element("ListControl") ?? throw new Xunit.Sdk.XunitException($"{typeName}: the second view is not a list view");

        // Every column and item must name a real property, or the view would show blanks after a rename.
        var named = views.SelectMany(v => v.Descendants("PropertyName")).Select(p => p.Value).ToList();
        Assert.All(named, n => Assert.True(properties.Contains(n), $"{typeName} has no property '{n}' named in the format file"));

        var listed = list.Descendants("ListItem")
            .Select(i => i.Element("PropertyName")?.Value ?? i.Element("Label")?.Value)
            .ToHashSet(StringComparer.Ordinal);
        var missing = properties.Where(p => !listed.Contains(p)).ToList();
        Assert.True(missing.Count == 0, $"{typeName}: the list view (Format-List) leaves out {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_type_a_cmdlet_declares_as_output_has_a_view()
    {
        using var host = new ModuleHost();
        var viewed = XDocument.Load(FormatFile).Descendants("TypeName").Select(t => t.Value).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (CmdletInfo cmdlet in ModuleCmdlets.Exported(host))
        {
            if (cmdlet.OutputType.Count == 0)
            {
                problems.Add($"{cmdlet.Name} declares no [OutputType]: no view can be checked, and Where-Object cannot complete its properties.");
            }

            foreach (PSTypeName output in cmdlet.OutputType.Where(o => o.Type?.Assembly == cmdlet.ImplementingType.Assembly))
            {
                if (!viewed.Contains(output.Name))
                {
                    problems.Add($"{cmdlet.Name} writes {output.Name}, which has no view in CognitoClerk.format.ps1xml.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Render(string script)
    {
        var recorder = new RecordingHost();
        using var host = new ModuleHost(recorder);
        ScriptRun run = host.Run("& {\n" + script + "\n} | Out-Host");
        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);

        // PowerShell 7 colours table headers ($PSStyle.Formatting.TableHeader); the text is what matters here.
        return AnsiEscape().Replace(recorder.Text, string.Empty).Replace("\r\n", "\n");
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
