using CognitoClerk.Emulators;

namespace CognitoClerk.Sandbox;

/// <summary>
/// The rehearsal's last chapter: the weeks between the import and the switch. Some users sign in to Clerk for
/// real, Cognito changes under Clerk (<see cref="SampleCutover"/>), and the admin asks the cutover question with
/// Get-ClerkMigrationStatus -Summary, previews a sync with -WhatIf, brings Clerk in step with
/// Sync-ClerkMigratedUser, and asks again. Then Cognito enables the users the sync banned, and an admin bans one user
/// by hand: the next sync lifts the module's bans and only those. Every count is checked against what the scenario
/// says must happen.
/// </summary>
internal sealed class SandboxCutover
{
    private readonly SandboxConsole _console;
    private readonly SandboxServices _services;
    private readonly Func<string, int, Task<CommandRun>> _run;
    private readonly Action<bool, string> _expect;

    /// <param name="run">Runs a command in the admin's pwsh, which prints what it produces (at most so many objects; 0: all).</param>
    public SandboxCutover(SandboxConsole console, SandboxServices services, Func<string, int, Task<CommandRun>> run, Action<bool, string> expect)
    {
        _console = console;
        _services = services;
        _run = run;
        _expect = expect;
    }

    /// <summary>Figures for the rehearsal's summary, in order; empty when the chapter did not run.</summary>
    public List<(string What, string Figure)> Figures { get; } = new();

    public async Task RunAsync(IReadOnlyDictionary<string, string> clerkIdByUsername, CancellationToken cancellationToken)
    {
        _console.Step("The cutover, weeks later: who still needs Cognito, and bringing Clerk in step until the switch");
        if (clerkIdByUsername.Count < SampleCutover.MinimumMigrated)
        {
            _console.Line($"The cutover chapter needs at least {SampleCutover.MinimumMigrated} migrated users ({clerkIdByUsername.Count} here): run with --users 40 or more.");
            return;
        }

        using var probe = new ClerkSignInProbe(_services.Clerk.BaseUrl, _services.SecretKey);
        SampleCutover scenario = await SampleCutover.PlayAsync(_services.Cognito, _services.UserPoolId, probe, _services.Users, clerkIdByUsername, cancellationToken);
        _console.Line($"Meanwhile {scenario.SignedIn.Count + 1} users signed in to Clerk, and in Cognito: {scenario.RenamedAwaiting.Count + 1} were renamed, " +
            $"1 changed email, {scenario.DisabledAwaiting.Count + 1} were disabled, {scenario.DeletedAwaiting.Count + 1} deleted, " +
            $"{scenario.Added.Count + 1} added ({scenario.Added.Count} who chose a password, 1 an admin created).");

        if (!await StatusAsync("before", scenario.ExpectedNotMigrated, scenario.ExpectedAwaiting, scenario.ExpectedChanged, scenario.ExpectedDisabledButActive))
        {
            return;
        }

        CommandRun rows = await _run("$status = Get-ClerkMigrationStatus; $status | Where-Object { $_.Changes -or $_.State -ne 'AwaitingFirstSignIn' -and $_.State -ne 'CannotMigrate' }", 16);
        More(rows, 16);
        _expect(rows.Terminating == null && rows.Errors.Count == 0, "Get-ClerkMigrationStatus stopped or reported errors: " + rows.Terminating?.Message);

        long requests = _services.Clerk.Stats.Requests;
        CommandRun whatIf = await _run("$status | Sync-ClerkMigratedUser -WhatIf | Group-Object Status -NoElement", 0);
        int planned = whatIf.Output.Where(g => g.Text("Name") == "Planned").Select(g => int.Parse(g.Text("Count") ?? "0")).Sum();
        _console.Line($"{whatIf.ConsoleLines.Count(l => l.StartsWith("What if:", StringComparison.Ordinal))} 'What if:' lines; {planned} users would change; " +
            $"Clerk received {_services.Clerk.Stats.Requests - requests} requests.");
        _expect(_services.Clerk.Stats.Requests == requests, $"Sync -WhatIf sent {_services.Clerk.Stats.Requests - requests} requests to Clerk.");
        _expect(planned == scenario.ExpectedCreated + scenario.ExpectedUpdated + scenario.ExpectedBanned,
            $"Sync -WhatIf planned {planned} changes; {scenario.ExpectedCreated + scenario.ExpectedUpdated + scenario.ExpectedBanned} expected.");

        _console.Line();
        _console.Line("The sync: bans are High impact and asked for one by one; -Force answers for a script.");
        CommandRun sync = await _run("$synced = $status | Sync-ClerkMigratedUser -Force; $synced | Where-Object { $_.Status -ne 'InStep' -and $_.State -ne 'CannotMigrate' }", 30);
        More(sync, 30);
        CommandRun all = await _run("$synced | Group-Object Status -NoElement", 0);
        Dictionary<string, int> bySyncStatus = all.Output.ToDictionary(g => g.Text("Name") ?? "?", g => int.Parse(g.Text("Count") ?? "0"));
        _console.Line(string.Join(", ", bySyncStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value} {p.Key}")) + $" ({sync.Elapsed.TotalSeconds:0.0} s)");
        _expect(sync.Terminating == null && sync.Errors.Count == 0, "Sync-ClerkMigratedUser stopped or reported errors: " + (sync.Terminating?.Message ?? sync.Errors.FirstOrDefault()?.ToString()));
        _expect(bySyncStatus.GetValueOrDefault("Created") == scenario.ExpectedCreated, $"The sync created {bySyncStatus.GetValueOrDefault("Created")}; {scenario.ExpectedCreated} expected.");
        _expect(bySyncStatus.GetValueOrDefault("Updated") == scenario.ExpectedUpdated, $"The sync updated {bySyncStatus.GetValueOrDefault("Updated")}; {scenario.ExpectedUpdated} expected.");
        _expect(bySyncStatus.GetValueOrDefault("Banned") == scenario.ExpectedBanned, $"The sync banned {bySyncStatus.GetValueOrDefault("Banned")}; {scenario.ExpectedBanned} expected.");
        Figures.Add(("sync (-DisabledAction Ban, -DeletedAction Ban)", string.Join(", ", bySyncStatus.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Value} {p.Key}"))));

        // Disabled and deleted since they signed in to Clerk: theirs now, so left alone by default.
        await StatusAsync("after", 0, scenario.ExpectedAwaiting + scenario.ExpectedCreated, 1, 1);
        await CheckPasswordsAsync(probe, scenario, clerkIdByUsername, sync, cancellationToken);
        await LiftAsync(probe, scenario, clerkIdByUsername, cancellationToken);
    }

    private async Task<bool> StatusAsync(string when, int notMigrated, int awaiting, int changed, int disabledActive)
    {
        CommandRun run = await _run("Get-ClerkMigrationStatus -Summary", 0);
        if (run.Terminating != null || run.Output.Count != 1)
        {
            _expect(false, "Get-ClerkMigrationStatus -Summary stopped: " + (run.Terminating?.Message ?? $"{run.Output.Count} objects"));
            return false;
        }

        PwshObject summary = run.Output[0];
        int Count(string name) => int.TryParse(summary.Text(name), out int n) ? n : -1;
        _expect(Count("NotMigrated") == notMigrated, $"Status {when} the sync: NotMigrated {Count("NotMigrated")}, {notMigrated} expected.");
        _expect(Count("AwaitingFirstSignIn") == awaiting, $"Status {when} the sync: AwaitingFirstSignIn {Count("AwaitingFirstSignIn")}, {awaiting} expected.");
        _expect(Count("Changed") == changed, $"Status {when} the sync: Changed {Count("Changed")}, {changed} expected.");
        _expect(Count("DisabledButActiveInClerk") == disabledActive, $"Status {when} the sync: DisabledButActiveInClerk {Count("DisabledButActiveInClerk")}, {disabledActive} expected.");
        Figures.Add(($"status {when} the sync", $"SignedIn {Count("SignedIn")}, AwaitingFirstSignIn {Count("AwaitingFirstSignIn")}, NotMigrated {Count("NotMigrated")}, " +
            $"CannotMigrate {Count("CannotMigrate")}, DeletedInCognito {Count("DeletedInCognito")}; Changed {Count("Changed")}"));
        return true;
    }

    /// <summary>
    /// After the sync: users who signed in still do, without Cognito; users the sync created check against Cognito
    /// at their first sign-in; banned users cannot sign in. (The rehearsal's earlier verify_password step already
    /// re-hashed every first-import password, so those no longer reach Cognito either.)
    /// </summary>
    private async Task CheckPasswordsAsync(ClerkSignInProbe probe, SampleCutover scenario, IReadOnlyDictionary<string, string> clerkIds, CommandRun sync, CancellationToken cancellationToken)
    {
        int signedIn = 0;
        foreach (SampleMigrationUser user in scenario.SignedIn)
        {
            signedIn += (await probe.SignInAsync(clerkIds[user.Username], user.Password, cancellationToken)).Verified ? 1 : 0;
        }

        Dictionary<string, string> created = sync.Output.Where(o => o.Text("Status") == "Created").ToDictionary(o => o.Text("Username")!, o => o.Text("ClerkUserId")!);
        long cognitoCalls = _services.Clerk.Stats.CognitoCalls;
        int newUsers = 0;
        foreach (CognitoLocalSeedUser added in scenario.Added.Where(a => created.ContainsKey(a.Username)))
        {
            newUsers += (await probe.SignInAsync(created[added.Username], added.Password, cancellationToken)).Verified ? 1 : 0;
        }

        long asked = _services.Clerk.Stats.CognitoCalls - cognitoCalls;
        int refused = 0;
        foreach (SampleMigrationUser user in scenario.DisabledAwaiting.Concat(scenario.DeletedAwaiting))
        {
            refused += (await probe.SignInAsync(clerkIds[user.Username], user.Password, cancellationToken)).ErrorCode == "user_banned" ? 1 : 0;
        }

        string text = $"{signedIn}/{scenario.SignedIn.Count} who had signed in sign in again; {newUsers}/{scenario.Added.Count} created by the sync sign in " +
            $"with their Cognito password (Clerk asked Cognito {asked} times); {refused}/{scenario.ExpectedBanned} banned users refused";
        _console.Line();
        _console.Line("Passwords after the sync: " + text + ".");
        _expect(signedIn == scenario.SignedIn.Count && newUsers == scenario.Added.Count && asked == scenario.Added.Count && refused == scenario.ExpectedBanned,
            "Passwords after the sync: " + text + ".");
        Figures.Add(("passwords after the sync", text));
    }

    /// <summary>
    /// Later still, Cognito enables users again. The users the sync banned because Cognito disabled them are enabled
    /// there (AdminEnableUser: aws cognito-idp admin-enable-user); the signed-in user Cognito disabled, whom the sync
    /// left active, is banned by hand in Clerk (the dashboard's ban) and enabled in Cognito too. The status counts the
    /// module's bans to lift, the next sync lifts exactly those and says why it leaves the hand's ban, and the sign-ins
    /// show it: the unbanned users get in with their Cognito password, the hand-banned one does not.
    /// </summary>
    private async Task LiftAsync(ClerkSignInProbe probe, SampleCutover scenario, IReadOnlyDictionary<string, string> clerkIds, CancellationToken cancellationToken)
    {
        List<SampleMigrationUser> reenabled = scenario.DisabledAwaiting;
        SampleMigrationUser handBanned = scenario.DisabledSignedIn;
        string handBannedId = clerkIds[handBanned.Username];
        _console.Line();
        _console.Line($"Later, Cognito enables users again: the admin enables {string.Join(" and ", reenabled.Select(u => $"'{u.Username}'"))}, whom the sync");
        _console.Line($"banned, in Cognito (aws cognito-idp admin-enable-user). '{handBanned.Username}', disabled in Cognito but signed in");
        _console.Line("(so left active), is banned by hand in the Clerk dashboard (POST /v1/users/{id}/ban) and enabled in Cognito too.");
        using (var dashboard = new ClerkDashboard(_services.Clerk.BaseUrl, _services.SecretKey))
        {
            System.Net.HttpStatusCode banned = await dashboard.BanAsync(handBannedId, cancellationToken);
            _expect(banned == System.Net.HttpStatusCode.OK, $"The ban by hand of '{handBanned.Username}' was answered {(int)banned}.");
        }

        foreach (SampleMigrationUser user in reenabled.Append(handBanned))
        {
            await _services.Cognito.AdminEnableUserAsync(_services.UserPoolId, user.Username, cancellationToken);
        }

        CommandRun count = await _run("(Get-ClerkMigrationStatus -Summary).ReenabledButBanned", 0);
        int reenabledButBanned = count.Output.Count == 1 && int.TryParse(count.Output[0].Text("$text"), out int n) ? n : -1;
        _expect(count.Terminating == null && count.Errors.Count == 0 && reenabledButBanned == reenabled.Count,
            $"ReenabledButBanned is {reenabledButBanned} ({count.Terminating?.Message ?? count.Errors.FirstOrDefault()?.Message ?? "no error"}); {reenabled.Count} expected.");

        HashSet<string> bannedBefore = BannedInClerk();
        CommandRun lift = await _run(
            $"$lifted = Get-ClerkMigrationStatus | Sync-ClerkMigratedUser -Force; $lifted | Where-Object {{ $_.Status -notin 'InStep', 'Skipped' -or $_.Username -eq '{handBanned.Username}' }}", 0);
        HashSet<string> bannedAfter = BannedInClerk();
        List<string> unbannedInClerk = bannedBefore.Except(bannedAfter).Order(StringComparer.Ordinal).ToList();
        List<string> expectedUnbanned = reenabled.Select(u => clerkIds[u.Username]).Order(StringComparer.Ordinal).ToList();
        List<string> changedRows = lift.Output.Where(o => o.Text("Username") != handBanned.Username).Select(o => $"{o.Text("Status")} {o.Text("Username")}").ToList();
        List<string> expectedRows = reenabled.Select(u => $"Unbanned {u.Username}").ToList();
        PwshObject? handRow = lift.Output.FirstOrDefault(o => o.Text("Username") == handBanned.Username);
        int unbannedRows = changedRows.Count(r => r.StartsWith("Unbanned ", StringComparison.Ordinal));
        _console.Line($"{unbannedRows} Unbanned, {changedRows.Count - unbannedRows} other changes ({lift.Elapsed.TotalSeconds:0.0} s). In Clerk {unbannedInClerk.Count} users were unbanned " +
            $"and {bannedAfter.Count} stay banned: the {scenario.DeletedAwaiting.Count} deleted in Cognito (banned without a record: a deleted sub never comes back) and the one banned by hand.");
        _expect(lift.Terminating == null && lift.Errors.Count == 0, "The sync after Cognito enabled users again stopped or reported errors: " + (lift.Terminating?.Message ?? lift.Errors.FirstOrDefault()?.Message));
        _expect(changedRows.Order(StringComparer.Ordinal).SequenceEqual(expectedRows.Order(StringComparer.Ordinal)),
            $"The sync after Cognito enabled users again changed {FirstFew(changedRows)}; {FirstFew(expectedRows)} expected.");
        HashSet<string> expectedBanned = scenario.DeletedAwaiting.Select(u => clerkIds[u.Username]).Append(handBannedId).ToHashSet(StringComparer.Ordinal);
        _expect(unbannedInClerk.SequenceEqual(expectedUnbanned) && bannedAfter.SetEquals(expectedBanned),
            $"Clerk unbanned {FirstFew(unbannedInClerk)} and still bans {FirstFew(bannedAfter.Order(StringComparer.Ordinal).ToList())}; the module's bans of the re-enabled users " +
            $"({FirstFew(expectedUnbanned)}) lifted and only those deleted in Cognito and '{handBanned.Username}' ({handBannedId}) still banned expected.");
        _expect(handRow?.Text("Status") == "Skipped" && (handRow.Text("Reason") ?? string.Empty).Contains("not by this module", StringComparison.Ordinal),
            $"The row of '{handBanned.Username}', banned by hand, is {handRow?.Text("Status") ?? "missing"}: {handRow?.Text("Reason")}; Skipped with the reason that this module did not place the ban expected.");
        Figures.Add(("sync after Cognito enabled users again", $"{unbannedRows} Unbanned, {changedRows.Count - unbannedRows} other changes; banned by hand: {handRow?.Text("Status") ?? "no row"}"));

        int back = 0;
        foreach (SampleMigrationUser user in reenabled)
        {
            back += (await probe.SignInAsync(clerkIds[user.Username], user.Password, cancellationToken)).Verified ? 1 : 0;
        }

        ClerkSignInAnswer hand = await probe.SignInAsync(handBannedId, handBanned.Password, cancellationToken);
        int stillRefused = 0;
        foreach (SampleMigrationUser user in scenario.DeletedAwaiting)
        {
            stillRefused += (await probe.SignInAsync(clerkIds[user.Username], user.Password, cancellationToken)).ErrorCode == "user_banned" ? 1 : 0;
        }

        string text = $"{back}/{reenabled.Count} unbanned users sign in with their Cognito password; '{handBanned.Username}' (banned by hand) " +
            (hand.Verified ? "SIGNED IN" : $"refused: {hand.Status} {hand.ErrorCode}") + $"; {stillRefused}/{scenario.DeletedAwaiting.Count} deleted in Cognito still refused";
        _console.Line("Passwords after the unban: " + text + ".");
        _expect(back == reenabled.Count && hand.ErrorCode == "user_banned" && stillRefused == scenario.DeletedAwaiting.Count, "Passwords after the unban: " + text + ".");
        Figures.Add(("passwords after the unban", $"{back}/{reenabled.Count} unbanned sign in; banned by hand {(hand.Verified ? "SIGNED IN" : "refused")}; " +
            $"{stillRefused}/{scenario.DeletedAwaiting.Count} deleted refused"));
    }

    private HashSet<string> BannedInClerk() => _services.Clerk.Users.Where(u => u.Banned).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);

    private static string FirstFew(IReadOnlyList<string> items) =>
        items.Count == 0 ? "nothing" : string.Join(", ", items.Take(5)) + (items.Count > 5 ? $" and {items.Count - 5} more" : string.Empty);

    private void More(CommandRun run, int shown)
    {
        if (run.Output.Count > shown)
        {
            _console.Line($"... and {run.Output.Count - shown} more");
        }
    }
}
