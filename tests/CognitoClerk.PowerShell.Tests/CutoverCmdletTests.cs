using System.Management.Automation;
using System.Text.RegularExpressions;
using CognitoClerk.Emulators;
using CognitoClerk.Hosting;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Get-ClerkMigrationStatus and Sync-ClerkMigratedUser in the hosted engine against the Clerk emulator, with
/// Cognito users given on the pipeline: confirmation of High-impact actions, -WhatIf without a key, errors,
/// and views that read at 80 columns.
/// </summary>
public sealed partial class CutoverCmdletTests : IAsyncLifetime
{
    private const string Pool = "us-east-1_CutTest01";

    /// <summary>A Cognito user as Get-CognitoMigrationUser writes it.</summary>
    private const string UserFunction = """
        function New-TestUser([string] $name, [int] $n, [bool] $enabled = $true, [string] $given = 'Ann') {
            [CognitoClerk.CognitoMigrationUser]@{
                Username = $name; Sub = ('{0:D8}-0000-4000-8000-000000000000' -f $n); Email = "$name@example.com"; EmailVerified = $true
                GivenName = $given; FamilyName = 'Lee'; UserStatus = 'CONFIRMED'; Enabled = $enabled; UserPoolId = 'us-east-1_CutTest01'
            }
        }

        """;

    private readonly string _secretKey = "sk_" + "test_cutcmd" + Guid.NewGuid().ToString("N");
    private ClerkEmulator _clerk = null!;
    private EnvironmentScope _environment = null!;

    public async Task InitializeAsync()
    {
        _clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { SecretKey = _secretKey, EnvironmentType = "production" });
        _environment = EnvironmentScope.IsolatedAws()
            .Set("COGNITO_CLIENT_ID", "1example23456789abcdefghij")
            .Set("CLERK_SECRET_KEY", _secretKey)
            .Set("CLERK_API_URL", _clerk.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _environment.Dispose();
        await _clerk.DisposeAsync();
    }

    [Fact]
    public void A_ban_is_asked_for_even_without_Confirm_and_a_no_bans_nobody()
    {
        var answersNo = new RecordingHost(answerChoice: _ => 2); // No, of Yes, Yes to All, No, No to All
        using var host = new ModuleHost(answersNo);
        Assert.Null(host.Run(UserFunction + "New-TestUser ann 1 | New-ClerkMigratedUser").Terminating);
        long writes = _clerk.Stats.UserWrites;

        ScriptRun declined = host.Run(UserFunction + "New-TestUser ann 1 -enabled $false | Get-ClerkMigrationStatus | Sync-ClerkMigratedUser");

        Assert.Null(declined.Terminating);
        Assert.Single(answersNo.Prompts);
        Assert.Contains("Ban", answersNo.Prompts[0]);
        PSObject result = Assert.Single(declined.Output);
        Assert.Equal(("Planned", "ban"), (Text(result, "Status"), string.Join(",", Values(result, "Applied"))));
        Assert.Contains("Not confirmed", Text(result, "Reason"));
        Assert.Equal(writes, _clerk.Stats.UserWrites);
        Assert.False(_clerk.Users.Single().Banned);

        ScriptRun confirmed = host.Run(UserFunction + "New-TestUser ann 1 -enabled $false | Get-ClerkMigrationStatus | Sync-ClerkMigratedUser -Confirm:$false");

        Assert.Equal("Banned", Text(Assert.Single(confirmed.Output), "Status"));
        Assert.True(_clerk.Users.Single().Banned);
        Assert.Single(answersNo.Prompts);
    }

    [Fact]
    public void A_name_change_is_not_asked_for_and_WhatIf_needs_no_key_and_sends_nothing()
    {
        using var host = new ModuleHost();
        host.Run(UserFunction + "New-TestUser ann 1 | New-ClerkMigratedUser");
        host.Run(UserFunction + "$rows = New-TestUser ann 1 -given Anne | Get-ClerkMigrationStatus");
        long requests = _clerk.Stats.Requests;

        using (new EnvironmentScope().Set("CLERK_SECRET_KEY", null))
        {
            ScriptRun whatIf = host.Run("$rows | Sync-ClerkMigratedUser -WhatIf");
            Assert.Null(whatIf.Terminating);
            Assert.Equal(("Planned", "first_name"), (Text(Assert.Single(whatIf.Output), "Status"), string.Join(",", Values(whatIf.Output[0], "Applied"))));
            Assert.Equal(requests, _clerk.Stats.Requests);
        }

        ScriptRun sync = host.Run("$rows | Sync-ClerkMigratedUser");
        Assert.Equal("Updated", Text(Assert.Single(sync.Output), "Status"));
        Assert.Equal("Anne", _clerk.Users.Single().FirstName);
    }

    [Fact]
    public void Groups_not_read_are_not_a_change_groups_left_are_and_the_attribute_map_is_followed()
    {
        const string Grouped = """
            function New-GroupedUser([object] $groups) {
                $user = New-TestUser ann 1
                if ($null -ne $groups) { $user.Groups = [CognitoClerk.CognitoGroupNames]::new([string[]]@($groups)) }
                $user
            }

            """;
        using var host = new ModuleHost();
        Assert.Null(host.Run(UserFunction + Grouped + "New-GroupedUser admins, editors | New-ClerkMigratedUser -AttributeMap @{ groups = 'private_metadata.roles' }").Terminating);

        ScriptRun unread = host.Run("New-GroupedUser | Get-ClerkMigrationStatus -AttributeMap @{ groups = 'private_metadata.roles' }");
        ScriptRun same = host.Run("New-GroupedUser admins, editors | Get-ClerkMigrationStatus -AttributeMap @{ groups = 'private_metadata.roles' }");
        ScriptRun otherMap = host.Run("New-GroupedUser admins, editors | Get-ClerkMigrationStatus");
        ScriptRun left = host.Run("$rows = New-GroupedUser editors | Get-ClerkMigrationStatus -AttributeMap @{ groups = 'private_metadata.roles' }; $rows");
        ScriptRun sync = host.Run("$rows | Sync-ClerkMigratedUser -AttributeMap @{ groups = 'private_metadata.roles' }");

        Assert.Empty(Values(Assert.Single(unread.Output), "Changes"));
        Assert.Empty(Values(Assert.Single(same.Output), "Changes"));
        Assert.Equal(new[] { "public_metadata.cognito_groups", "private_metadata.roles" }, Values(Assert.Single(otherMap.Output), "Changes"));
        Assert.Equal(new[] { "private_metadata.roles" }, Values(Assert.Single(left.Output), "Changes"));
        Assert.Equal("Updated", Text(Assert.Single(sync.Output), "Status"));
        Assert.Contains("\"roles\":[\"editors\"]", _clerk.Users.Single().PrivateMetadataJson);
    }

    [Fact]
    public void Enabled_again_the_modules_ban_is_asked_for_and_lifted_a_ban_by_hand_is_not_and_WhatIf_sends_nothing()
    {
        var answersNo = new RecordingHost(answerChoice: _ => 2); // No, of Yes, Yes to All, No, No to All
        using var host = new ModuleHost(answersNo);
        Assert.Null(host.Run(UserFunction + "@((New-TestUser ann 1), (New-TestUser bob 2)) | New-ClerkMigratedUser").Terminating);
        string annId = _clerk.Users.Single(u => u.ExternalId!.StartsWith("00000001", StringComparison.Ordinal)).Id;
        string bobId = _clerk.Users.Single(u => u.ExternalId!.StartsWith("00000002", StringComparison.Ordinal)).Id;
        Assert.Equal("Banned", Text(Assert.Single(host.Run(UserFunction + "New-TestUser ann 1 -enabled $false | Get-ClerkMigrationStatus | Sync-ClerkMigratedUser -Force").Output), "Status"));
        using (var raw = new HttpClient { BaseAddress = new Uri(_clerk.BaseUrl.TrimEnd('/') + "/v1/") })
        {
            raw.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _secretKey);
            Assert.True(raw.PostAsync($"users/{bobId}/ban", new StringContent("{}", System.Text.Encoding.UTF8, "application/json")).Result.IsSuccessStatusCode); // bob: banned by hand in the dashboard
        }

        ScriptRun rows = host.Run(UserFunction + "$rows = @((New-TestUser ann 1), (New-TestUser bob 2)) | Get-ClerkMigrationStatus; $rows; @((New-TestUser ann 1), (New-TestUser bob 2)) | Get-ClerkMigrationStatus -Summary");
        Assert.Equal(("Ban", null), (Text(rows.Output[0], "ModuleRestriction"), Text(rows.Output[1], "ModuleRestriction")));
        Assert.Equal(1, (int)rows.Output[2].Properties["ReenabledButBanned"].Value);
        long requests = _clerk.Stats.Requests;

        using (new EnvironmentScope().Set("CLERK_SECRET_KEY", null))
        {
            ScriptRun whatIf = host.Run("$rows | Sync-ClerkMigratedUser -WhatIf");
            Assert.Null(whatIf.Terminating);
            Assert.Equal(("Planned", "unban"), (Text(whatIf.Output[0], "Status"), string.Join(",", Values(whatIf.Output[0], "Applied"))));
            Assert.Equal(("Skipped", "Banned in Clerk, not by this module; left as it is."), (Text(whatIf.Output[1], "Status"), Text(whatIf.Output[1], "Reason")));
            Assert.Equal(requests, _clerk.Stats.Requests);
        }

        ScriptRun declined = host.Run("$rows | Sync-ClerkMigratedUser");
        Assert.Equal("Planned", Text(declined.Output.Single(o => Text(o, "Username") == "ann"), "Status"));
        Assert.Contains(answersNo.Prompts, p => p.Contains("Unban", StringComparison.Ordinal) && p.Contains(annId, StringComparison.Ordinal) && p.Contains("'ann'", StringComparison.Ordinal));
        Assert.True(_clerk.Users.Single(u => u.Id == annId).Banned);

        ScriptRun lifted = host.Run("$rows | Sync-ClerkMigratedUser -Force");
        Assert.Null(lifted.Terminating);
        Assert.Empty(lifted.Errors);
        Assert.Equal(("Unbanned", "unban"), (Text(lifted.Output.Single(o => Text(o, "Username") == "ann"), "Status"), string.Join(",", Values(lifted.Output.Single(o => Text(o, "Username") == "ann"), "Applied"))));
        Assert.Equal("Skipped", Text(lifted.Output.Single(o => Text(o, "Username") == "bob"), "Status"));
        Assert.False(_clerk.Users.Single(u => u.Id == annId).Banned);
        Assert.True(_clerk.Users.Single(u => u.Id == bobId).Banned);
        Assert.DoesNotContain("\"access\"", _clerk.Users.Single(u => u.Id == annId).PrivateMetadataJson);

        // A row read back without the column (a status of an earlier version) lifts nothing, and says why.
        ScriptRun older = host.Run($"[pscustomobject]@{{ State = 'AwaitingFirstSignIn'; Username = 'bob'; ClerkUserId = '{bobId}'; ExternalId = '00000002-0000-4000-8000-000000000000'; CognitoEnabled = $true; ClerkBanned = $true; UserPoolId = '{Pool}' }} | Sync-ClerkMigratedUser -Force");
        Assert.Contains("does not say whether this module placed the ban", Text(Assert.Single(older.Output), "Reason"));
    }

    [Fact]
    public void DeletedAction_Delete_deletes_only_a_user_the_module_brought_over()
    {
        using var host = new ModuleHost();
        host.Run(UserFunction + "New-TestUser ann 1 | New-ClerkMigratedUser");
        string ours = _clerk.Users.Single().Id;
        string foreign = _clerk.AddUser("""{"external_id":"00000002-0000-4000-8000-000000000000","first_name":"Made in Clerk"}""");
        string rows = string.Join(", ", new[] { (ours, 1), (foreign, 2) }.Select(r =>
            $"[CognitoClerk.ClerkMigrationUserStatus]@{{ State = 'DeletedInCognito'; ClerkUserId = '{r.Item1}'; ExternalId = '{r.Item2:D8}-0000-4000-8000-000000000000'; UserPoolId = '{Pool}'; Username = 'u{r.Item2}' }}"));

        ScriptRun run = host.Run($"@({rows}) | Sync-ClerkMigratedUser -DeletedAction Delete -Force");

        Assert.Null(run.Terminating);
        Assert.Equal(new[] { "Deleted", "Skipped" }, run.Output.Select(o => Text(o, "Status")).Order());
        Assert.Contains("not brought over by this module", Text(run.Output.Single(o => Text(o, "Status") == "Skipped"), "Reason"));
        Assert.Equal(new[] { foreign }, _clerk.Users.Select(u => u.Id));
    }

    [Fact]
    public void Without_a_key_the_status_stops_once_and_bad_input_is_one_error_among_results()
    {
        using var host = new ModuleHost();
        using (new EnvironmentScope().Set("CLERK_SECRET_KEY", null))
        {
            ScriptRun noKey = host.Run(UserFunction + "New-TestUser ann 1 | Get-ClerkMigrationStatus");
            Assert.Equal("ClerkSecretKeyMissing", ErrorId((noKey.Terminating as IContainsErrorRecord)?.ErrorRecord ?? noKey.Errors.Single()));
        }

        ScriptRun mixed = host.Run(UserFunction + "@('not a row', [CognitoClerk.ClerkMigrationUserStatus]@{ State = 'CannotMigrate'; Username = 'x'; Reason = 'CognitoUserDisabled' }) | Sync-ClerkMigratedUser");
        Assert.Equal("InputNotStatusRow", ErrorId(Assert.Single(mixed.Errors)));
        Assert.Equal("Skipped", Text(Assert.Single(mixed.Output), "Status"));

        ScriptRun status = host.Run(UserFunction + "@('not a user', (New-TestUser ann 1)) | Get-ClerkMigrationStatus -Summary");
        Assert.Equal("InputNotCognitoUser", ErrorId(Assert.Single(status.Errors)));
        PSObject summary = Assert.Single(status.Output);
        Assert.Equal((1, false), ((int)summary.Properties["NotMigrated"].Value, (bool)summary.Properties["WholePool"].Value));
        Assert.Contains("not the whole pool", Text(summary, "Verdict"));
    }

    [Fact]
    public void The_rows_the_summary_and_the_sync_results_read_at_80_columns()
    {
        var narrow = new RecordingHost(width: 80);
        using var host = new ModuleHost(narrow);
        host.Run(UserFunction + "New-TestUser ann.lee.with.a.long.username.001 1 | New-ClerkMigratedUser");

        ScriptRun run = host.Run(UserFunction + """
            $users = @((New-TestUser ann.lee.with.a.long.username.001 1 -given Anne -enabled $false), (New-TestUser bob 2))
            $rows = $users | Get-ClerkMigrationStatus
            $rows | Out-Host
            $users | Get-ClerkMigrationStatus -Summary | Out-Host
            $rows | Sync-ClerkMigratedUser -WhatIf | Out-Host
            """);

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        string text = Ansi().Replace(narrow.Text, string.Empty).Replace("\r\n", "\n");
        // "What if:" lines are PowerShell's own host messages, which a console wraps; the views are the module's.
        List<string> tooLong = text.Split('\n').Where(l => l.Length > 80 && !l.StartsWith("What if:", StringComparison.Ordinal)).ToList();
        Assert.True(tooLong.Count == 0, "Lines over 80 columns:\n" + string.Join("\n", tooLong));
        AssertLine(@"^State\s+Username\s+Enabled\s+Changes or Reason\s*$", text);
        // A username longer than its column wraps after punctuation, whole; the line stays within 80.
        AssertLine(@"^AwaitingFirstSignIn ann\.lee\.with\.a\.long\.\s+False\s+first_name\s*$", text);
        AssertLine(@"^\s+username\.001\s*$", text);
        AssertLine(@"^NotMigrated\s+bob\s+True\s*$", text);
        AssertLine(@"^Users\s+Verdict\s*$", text);
        AssertLine(@"^AwaitingFirstSignIn\s+1 ", text);
        string verdict = SummaryVerdictColumn(text);
        Assert.Contains("Not yet: 1 user in Clerk has never signed in", verdict);
        Assert.Matches(@"120\s+requests\s+per\s+second", verdict);
        AssertLine(@"^Planned\s+ann\.lee\.with\.a\.long\.\s+first_name, ban\s*$", text);
        AssertLine(@"^Planned\s+bob\s+create\s*$", text);
        AssertLine(@"^\s+-WhatIf: nothing was sent\.", text);
    }

    /// <summary>The summary's right-hand column (from column 31), its lines joined: the counts beside it are not part of its text.</summary>
    private static string SummaryVerdictColumn(string text)
    {
        List<string> lines = text.Split('\n').ToList();
        int header = lines.FindIndex(l => Regex.IsMatch(l, @"^Users\s+Verdict\s*$"));
        Assert.True(header >= 0, "no summary table in:\n" + text);
        return string.Join(" ", lines.Skip(header + 2).TakeWhile(l => l.Trim().Length > 0).Select(l => l.Length > 31 ? l.Substring(31).Trim() : string.Empty));
    }

    private static void AssertLine(string pattern, string text) =>
        Assert.True(Regex.IsMatch(text, pattern, RegexOptions.Multiline), $"No line matches {pattern} in:\n{text}");

    private static string? Text(PSObject o, string property) => o.Properties[property]?.Value?.ToString();

    private static string[] Values(PSObject o, string property) => ((IEnumerable<string>)o.Properties[property].Value).ToArray();

    private static string ErrorId(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();
}
