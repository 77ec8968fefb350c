using System.Management.Automation;
using System.Text;
using CognitoClerk.Emulators;
using Xunit;
using Xunit.Abstractions;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// The cutover as an admin lives it, on cognito-local and the Clerk emulator, in the real PowerShell engine:
/// migrate a pool; some users sign in to Clerk for real; Cognito changes under Clerk (names and an email
/// changed, users disabled and deleted, users added); the status must count each case exactly; a -WhatIf sync
/// sends nothing; the sync applies each change; the second status is clean; the passwords of users who signed
/// in still work without Cognito, and those awaiting their first sign-in still check against Cognito; users Cognito
/// enables again are unbanned by the next sync and sign in with their password.
/// </summary>
public sealed class CutoverEndToEndTests : IAsyncLifetime
{
    private const int SeededUsers = 60;

    private static readonly string Migration =
        $"Get-CognitoMigrationUser | Where-Object {{ {SampleMigrationPool.WhereObjectFilter} }} | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser";

    private readonly ITestOutputHelper _output;
    private readonly string _secretKey = "sk_" + "test_cutover" + Guid.NewGuid().ToString("N");
    private SampleMigrationServices? _services;

    public CutoverEndToEndTests(ITestOutputHelper output) => _output = output;

    private CognitoLocalServer Cognito => _services!.Cognito;

    private ClerkEmulator Clerk => _services!.Clerk;

    private IReadOnlyList<SampleMigrationUser> SeededPool => _services!.Users;

    public async Task InitializeAsync() =>
        _services = await SampleMigrationServices.StartAsync("cutover", SeededUsers, new ClerkEmulatorOptions { SecretKey = _secretKey, EnvironmentType = "production" });

    public async Task DisposeAsync()
    {
        if (_services != null)
        {
            await _services.DisposeAsync();
        }
    }

    [Fact]
    public async Task Status_counts_each_case_the_sync_brings_Clerk_in_step_and_passwords_keep_working()
    {
        string poolId = _services!.UserPoolId;
        using EnvironmentScope environment = AwsTestCredentials.Environment()
            .Set("COGNITO_USER_POOL_ID", poolId)
            .Set("COGNITO_CLIENT_ID", _services.Client.ClientId)
            .Set("CLERK_SECRET_KEY", _secretKey)
            .Set("CLERK_API_URL", Clerk.BaseUrl)
            .Set("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", Cognito.EndpointUrl);
        using var host = new ModuleHost();
        using var signIn = new ClerkSignInProbe(Clerk.BaseUrl, _secretKey);
        var runs = new List<ScriptRun>();

        // 1. The import.
        ScriptRun migration = host.Run(Migration);
        runs.Add(migration);
        Assert.Null(migration.Terminating);
        Dictionary<string, string> clerkIds = migration.Output.Where(o => Text(o, "Status") == "Created")
            .ToDictionary(o => Text(o, "CognitoUsername")!, o => Text(o, "ClerkUserId")!);
        Assert.Equal(SeededPool.Count(u => u.Expectation == SampleMigrationExpectation.Migrated), clerkIds.Count);

        // 2. Weeks pass: some users sign in to Clerk, Cognito changes under it.
        SampleCutover scenario = await SampleCutover.PlayAsync(Cognito, poolId, signIn, SeededPool, clerkIds);
        string deletedUsernames = string.Join(",", scenario.DeletedAwaiting.Append(scenario.DeletedSignedIn).Select(u => u.Username).Order(StringComparer.Ordinal));

        // 3. The status counts each case exactly.
        ScriptRun status = host.Run("$rows = Get-ClerkMigrationStatus; $rows");
        runs.Add(status);
        Assert.Null(status.Terminating);
        Assert.Empty(status.Errors);
        Dictionary<string, PSObject> rows = status.Output.ToDictionary(r => Text(r, "Username")!);
        Dictionary<string, int> byState = CountBy(status.Output, "State");
        var expected = new Dictionary<string, int>
        {
            ["SignedIn"] = scenario.ExpectedSignedIn,
            ["AwaitingFirstSignIn"] = scenario.ExpectedAwaiting,
            ["NotMigrated"] = scenario.ExpectedNotMigrated,
            ["CannotMigrate"] = scenario.ExpectedCannotMigrate,
            ["DeletedInCognito"] = scenario.ExpectedDeleted,
        };
        Assert.Equal(expected.OrderBy(p => p.Key), byState.OrderBy(p => p.Key));
        Assert.All(scenario.RenamedAwaiting, u => Assert.Equal(new[] { "first_name", "last_name" }, Changes(rows[u.Username])));
        Assert.Equal(new[] { "email_address" }, Changes(rows[scenario.EmailChanged.User.Username]));
        Assert.Equal(new[] { "first_name" }, Changes(rows[scenario.RenamedSignedIn.Username]));
        Assert.Equal("SignedIn", Text(rows[scenario.RenamedSignedIn.Username], "State"));
        Assert.Equal(scenario.ExpectedChanged, status.Output.Count(r => Changes(r).Length > 0));
        Assert.All(scenario.DisabledAwaiting, u => Assert.Equal(("AwaitingFirstSignIn", "False"), (Text(rows[u.Username], "State"), Text(rows[u.Username], "CognitoEnabled"))));
        Assert.Equal("False", Text(rows[scenario.DisabledSignedIn.Username], "CognitoEnabled"));
        Assert.Equal(deletedUsernames, string.Join(",", status.Output.Where(r => Text(r, "State") == "DeletedInCognito").Select(r => Text(r, "Username")).Order(StringComparer.Ordinal)));
        Assert.All(scenario.Added, u => Assert.Equal("NotMigrated", Text(rows[u.Username], "State")));
        Assert.Equal(("CannotMigrate", "CognitoUserForceChangePassword"), (Text(rows[scenario.AddedUnmigratable.Username], "State"), Text(rows[scenario.AddedUnmigratable.Username], "Reason")));

        ScriptRun summary = host.Run("Get-ClerkMigrationStatus -Summary");
        runs.Add(summary);
        PSObject counts = Assert.Single(summary.Output);
        foreach ((string state, int count) in expected)
        {
            Assert.Equal(count, (int)counts.Properties[state].Value);
        }

        Assert.Equal(scenario.ExpectedChanged, (int)counts.Properties["Changed"].Value);
        Assert.Equal(scenario.ExpectedDisabledButActive, (int)counts.Properties["DisabledButActiveInClerk"].Value);
        Assert.Equal(scenario.ExpectedAwaiting, (int)counts.Properties["StillNeedCognito"].Value);
        Assert.False((bool)counts.Properties["CanSwitchOffCognito"].Value);
        Assert.StartsWith("Not yet:", Text(counts, "Verdict"));

        // 4. -WhatIf: a plan per row that would change, and not one request to Clerk.
        long requestsBefore = Clerk.Stats.Requests;
        ScriptRun whatIf = host.Run("$rows | Sync-ClerkMigratedUser -WhatIf");
        runs.Add(whatIf);
        Assert.Null(whatIf.Terminating);
        Assert.Equal(requestsBefore, Clerk.Stats.Requests);
        Assert.Equal(status.Output.Count, whatIf.Output.Count);
        Assert.Equal(scenario.ExpectedCreated + scenario.ExpectedUpdated + scenario.ExpectedBanned, whatIf.Output.Count(r => Text(r, "Status") == "Planned"));

        // 5. The sync, with the default actions.
        long writesBefore = Clerk.Stats.UserWrites;
        long createsBefore = Clerk.Stats.Creates;
        ScriptRun sync = host.Run("$rows | Sync-ClerkMigratedUser -Force");
        runs.Add(sync);
        Assert.Null(sync.Terminating);
        Assert.Empty(sync.Errors);
        Dictionary<string, int> synced = CountBy(sync.Output, "Status");
        Dictionary<string, PSObject> results = sync.Output.ToDictionary(r => Text(r, "Username")!);
        Assert.Equal(scenario.ExpectedCreated, synced.GetValueOrDefault("Created"));
        Assert.Equal(scenario.ExpectedUpdated, synced.GetValueOrDefault("Updated"));
        Assert.Equal(scenario.ExpectedBanned, synced.GetValueOrDefault("Banned"));
        Assert.Equal(scenario.ExpectedCannotMigrate + 3, synced.GetValueOrDefault("Skipped"));
        Assert.Equal(status.Output.Count, sync.Output.Count);
        Assert.Equal(scenario.ExpectedCreated, Clerk.Stats.Creates - createsBefore);
        Assert.Contains("Clerk is their source of truth", Text(results[scenario.RenamedSignedIn.Username], "Reason"));
        Assert.Contains("signed in to Clerk", Text(results[scenario.DeletedSignedIn.Username], "Reason"));
        Assert.Equal(0, Clerk.Stats.TooManyRequests);
        Assert.InRange(Clerk.Stats.MaxUpdatesOfOneUserInAnyWindow, 1, 10);

        List<ClerkEmulatorUser> clerkUsers = Clerk.Users.ToList();
        ClerkEmulatorUser ById(string username) => clerkUsers.Single(u => u.Id == clerkIds[username]);
        Assert.All(scenario.RenamedAwaiting, u => Assert.Equal(("Renamed", "In-Cognito " + u.Username), (ById(u.Username).FirstName, ById(u.Username).LastName)));
        ClerkEmulatorUser readdressed = ById(scenario.EmailChanged.User.Username);
        Assert.Equal(new[] { (scenario.EmailChanged.NewEmail, "verified") }, readdressed.EmailAddresses.Select(e => (e.Value, e.Status)));
        Assert.Equal(scenario.EmailChanged.NewEmail, readdressed.PrimaryEmailAddress);
        Assert.All(scenario.DisabledAwaiting.Concat(scenario.DeletedAwaiting), u => Assert.True(ById(u.Username).Banned, u.Username + " is not banned"));
        Assert.False(ById(scenario.DisabledSignedIn.Username).Banned);
        Assert.False(ById(scenario.DeletedSignedIn.Username).Banned);
        Assert.NotEqual("Renamed-After-Moving", ById(scenario.RenamedSignedIn.Username).FirstName);
        Assert.All(clerkUsers.Where(u => scenario.Awaiting.Any(a => clerkIds[a.Username] == u.Id)), u => Assert.Equal("awscognito", u.PasswordHasher));

        // 6. The second status is clean: nothing left to create but the users who cannot be, no Changes on users awaiting their first sign-in.
        ScriptRun after = host.Run("Get-ClerkMigrationStatus");
        runs.Add(after);
        Dictionary<string, int> afterByState = CountBy(after.Output, "State");
        Assert.Equal(0, afterByState.GetValueOrDefault("NotMigrated"));
        Assert.Equal(scenario.ExpectedCannotMigrate, afterByState.GetValueOrDefault("CannotMigrate"));
        Assert.Equal(scenario.ExpectedAwaiting + scenario.ExpectedCreated, afterByState.GetValueOrDefault("AwaitingFirstSignIn"));
        Assert.Empty(after.Output.Where(r => Text(r, "State") == "AwaitingFirstSignIn" && Changes(r).Length > 0).Select(r => Text(r, "Username")));
        Assert.Equal(new[] { scenario.RenamedSignedIn.Username }, after.Output.Where(r => Changes(r).Length > 0).Select(r => Text(r, "Username")));
        Assert.Equal(scenario.ExpectedDeleted, afterByState.GetValueOrDefault("DeletedInCognito"));
        Assert.Equal(1, after.Output.Count(r => Text(r, "CognitoEnabled") == "False" && Text(r, "ClerkBanned") == "False" && Text(r, "ClerkUserId") != null));

        // 7. Passwords: those who signed in no longer need Cognito; those awaiting still check against it; the banned cannot sign in.
        long cognitoCalls = Clerk.Stats.CognitoCalls;
        foreach (SampleMigrationUser user in scenario.SignedIn.Append(scenario.DeletedSignedIn))
        {
            Assert.True((await signIn.SignInAsync(clerkIds[user.Username], user.Password)).Verified, user.Username);
        }

        Assert.Equal(cognitoCalls, Clerk.Stats.CognitoCalls);
        List<SampleMigrationUser> stillAwaiting = scenario.Awaiting.Except(scenario.DisabledAwaiting).ToList();
        foreach (SampleMigrationUser user in stillAwaiting)
        {
            Assert.True((await signIn.SignInAsync(clerkIds[user.Username], user.Password)).Verified, user.Username);
        }

        Assert.Equal(cognitoCalls + stillAwaiting.Count, Clerk.Stats.CognitoCalls);
        foreach (SampleMigrationUser user in scenario.DisabledAwaiting.Concat(scenario.DeletedAwaiting))
        {
            Assert.Equal("user_banned", (await signIn.SignInAsync(clerkIds[user.Username], user.Password)).ErrorCode);
        }

        Dictionary<string, string> createdIds = sync.Output.Where(r => Text(r, "Status") == "Created").ToDictionary(r => Text(r, "Username")!, r => Text(r, "ClerkUserId")!);
        foreach (CognitoLocalSeedUser added in scenario.Added)
        {
            Assert.True((await signIn.SignInAsync(createdIds[added.Username], added.Password)).Verified, added.Username);
        }

        // 8. Cognito enables the disabled users again: the status counts the module's bans to lift, the sync lifts exactly
        //    those (the users deleted in Cognito stay banned: no record), and each signs in with their Cognito password.
        foreach (SampleMigrationUser user in scenario.DisabledAwaiting)
        {
            await Cognito.AdminEnableUserAsync(poolId, user.Username);
        }

        ScriptRun reenabled = host.Run("$rows = Get-ClerkMigrationStatus; Get-ClerkMigrationStatus -Summary");
        runs.Add(reenabled);
        Assert.Equal(scenario.DisabledAwaiting.Count, (int)Assert.Single(reenabled.Output).Properties["ReenabledButBanned"].Value);
        ScriptRun lift = host.Run("$rows | Sync-ClerkMigratedUser -Force");
        runs.Add(lift);
        Assert.Null(lift.Terminating);
        Assert.Empty(lift.Errors);
        Assert.Equal(
            scenario.DisabledAwaiting.Select(u => u.Username).Order(StringComparer.Ordinal),
            lift.Output.Where(r => Text(r, "Status") == "Unbanned").Select(r => Text(r, "Username")!).Order(StringComparer.Ordinal));
        Assert.All(scenario.DisabledAwaiting, u => Assert.False(Clerk.Users.Single(c => c.Id == clerkIds[u.Username]).Banned, u.Username + " is still banned"));
        Assert.All(scenario.DeletedAwaiting, u => Assert.True(Clerk.Users.Single(c => c.Id == clerkIds[u.Username]).Banned, u.Username + " was unbanned"));
        foreach (SampleMigrationUser user in scenario.DisabledAwaiting)
        {
            Assert.True((await signIn.SignInAsync(clerkIds[user.Username], user.Password)).Verified, user.Username);
        }

        // 9. No secret in any stream of any run.
        foreach (ScriptRun run in runs)
        {
            string text = run.AllText();
            Assert.DoesNotContain(_secretKey, text);
            AwsTestCredentials.AssertNoSecretIn(run);
            Assert.All(SeededPool, u => Assert.DoesNotContain(u.Password, text));
        }

        var report = new StringBuilder();
        report.AppendLine($"Cutover end to end: {SeededUsers} seeded, {clerkIds.Count} migrated, {scenario.SignedIn.Count + 1} signed in");
        report.AppendLine("  status:  " + string.Join(", ", byState.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")) +
            $"; Changed {scenario.ExpectedChanged}, DisabledButActiveInClerk {scenario.ExpectedDisabledButActive}");
        report.AppendLine("  -WhatIf: Clerk requests 0; " + string.Join(", ", CountBy(whatIf.Output, "Status").OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        report.AppendLine("  sync:    " + string.Join(", ", synced.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")) + $"; {Clerk.Stats.UserWrites - writesBefore} writes to existing users");
        report.AppendLine("  after:   " + string.Join(", ", afterByState.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        report.AppendLine($"  enabled again in Cognito: {scenario.DisabledAwaiting.Count}; unbanned: " + string.Join(", ", CountBy(lift.Output, "Status").OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        _output.WriteLine(report.ToString());
    }

    private static string? Text(PSObject o, string property) => o.Properties[property]?.Value?.ToString();

    private static string[] Changes(PSObject row) => ((IEnumerable<string>)row.Properties["Changes"].Value).ToArray();

    private static Dictionary<string, int> CountBy(IEnumerable<PSObject> output, string property) =>
        output.GroupBy(o => Text(o, property) ?? "?").ToDictionary(g => g.Key, g => g.Count());
}
