using System.Globalization;
using System.Management.Automation;
using System.Net.Http.Headers;
using System.Text;
using CognitoClerk.Emulators;
using Xunit;
using Xunit.Abstractions;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Issue 11 end to end, in the real PowerShell engine with the built module, cognito-local and the Clerk emulator:
/// custom attributes and groups carried into Clerk's metadata by the rules (defaults and an -AttributeMap), disabled
/// users banned on request, a rehearsal undone only for users who never signed in, the undo recorded so the next
/// migration re-creates them, and the bad inputs: a map to foo.bar, metadata over 8 KB, a journal from another
/// instance, a result whose Clerk user was changed since.
/// </summary>
public sealed class CarryAndUndoEndToEndTests : IClassFixture<CarryAndUndoPool>, IDisposable
{
    private const string Migrate = "Get-CognitoMigrationUser -IncludeGroups | New-ClerkMigratedUser -JournalPath $journal";

    private static readonly Dictionary<string, (string Root, string[] Path)> Map = new()
    {
        ["custom:tenant"] = ("public_metadata", new[] { "tenant" }),
        ["custom:plan"] = ("unsafe_metadata", new[] { "billing", "plan" }),
        ["groups"] = ("private_metadata", new[] { "roles" }),
    };

    private const string MapLiteral = "@{ 'custom:tenant' = 'public_metadata.tenant'; 'custom:plan' = 'unsafe_metadata.billing.plan'; 'groups' = 'private_metadata.roles' }";

    private readonly CarryAndUndoPool _pool;
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Directory.CreateTempSubdirectory("cognitoclerk-carry-").FullName;

    public CarryAndUndoEndToEndTests(CarryAndUndoPool pool, ITestOutputHelper output)
    {
        _pool = pool;
        _output = output;
    }

    private string JournalPath => Path.Combine(_directory, "rehearsal.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_rehearsal_carries_attributes_and_groups_is_undone_only_for_users_who_never_signed_in_and_is_redone_from_the_journal()
    {
        await using ClerkEmulator clerk = await _pool.StartClerkAsync("ins_rehearsal");
        using EnvironmentScope environment = _pool.Environment(clerk);
        using var host = new ModuleHost();
        var journal = new Dictionary<string, object?> { ["journal"] = JournalPath };
        var runs = new List<ScriptRun>();
        List<PoolUser> confirmed = _pool.Confirmed.ToList();

        // 1. The migration, defaults only: every confirmed user created, the disabled and the too-large ones reported.
        ScriptRun migration = host.Run(Migrate, journal);
        runs.Add(migration);
        Assert.Null(migration.Terminating);
        Dictionary<string, string> clerkIdOf = migration.Output.Where(o => Text(o, "Status") == "Created")
            .ToDictionary(o => Text(o, "CognitoUsername")!, o => Text(o, "ClerkUserId")!);
        Assert.Equal(confirmed.Select(u => u.Username).OrderBy(n => n), clerkIdOf.Keys.OrderBy(n => n));
        Assert.Equal(
            _pool.Disabled.Select(u => (u.Username, "CognitoUserDisabled")).Append((_pool.Big.Username, "ClerkMetadataTooLarge")).OrderBy(p => p.Username),
            migration.Errors.Select(e => (e.CategoryInfo.TargetName, ErrorId(e))).OrderBy(p => p.TargetName));
        ErrorRecord tooLarge = migration.Errors.Single(e => ErrorId(e) == "ClerkMetadataTooLarge");
        Assert.Contains("8,192", tooLarge.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(confirmed.Count, clerk.Stats.Creates);

        // Every Clerk user's metadata is what the rules say.
        foreach (PoolUser user in confirmed)
        {
            _pool.AssertMetadata(user, clerk.Users.Single(u => u.Id == clerkIdOf[user.Username]));
        }

        int withGroups = confirmed.Count(u => u.Groups.Count > 0);
        int withCustom = confirmed.Count(u => u.Custom.Count > 0);

        // 2. Five users sign in to Clerk, with their Cognito passwords; one other user is changed in Clerk.
        using var probe = new ClerkSignInProbe(clerk.BaseUrl, clerk.Options.SecretKey);
        List<PoolUser> signedIn = confirmed.Take(5).ToList();
        var signedInAt = new Dictionary<string, DateTimeOffset>();
        foreach (PoolUser user in signedIn)
        {
            ClerkSignInAnswer answer = await probe.SignInAsync(clerkIdOf[user.Username], user.Password);
            Assert.True(answer.Verified, $"{user.Username}: {answer}");
            signedInAt[user.Username] = clerk.Users.Single(u => u.Id == clerkIdOf[user.Username]).LastSignInAt!.Value;
        }

        PoolUser changed = confirmed[5];
        await ChangeExternalIdAsync(clerk, clerkIdOf[changed.Username], "crm-" + changed.Username);
        List<PoolUser> neverSignedIn = confirmed.Skip(6).ToList();

        // 3. -WhatIf: reads, says who would go, deletes nothing and writes no journal line.
        byte[] journalBefore = File.ReadAllBytes(JournalPath);
        ScriptRun whatIf = host.Run("Remove-ClerkMigratedUser -JournalPath $journal -WhatIf", journal);
        runs.Add(whatIf);
        Assert.Null(whatIf.Terminating);
        Assert.Equal(0, Deletes(clerk));
        Assert.Equal(confirmed.Count, clerk.Users.Count);
        Assert.Equal(journalBefore, File.ReadAllBytes(JournalPath));
        Assert.All(whatIf.Output, o => Assert.Equal("Kept", Text(o, "Status")));
        Assert.Equal(6, whatIf.Output.Count);

        // 4. The removal: only module-created users who never signed in and still carry their sub are gone.
        ScriptRun removal = host.Run("Remove-ClerkMigratedUser -JournalPath $journal -Confirm:$false", journal);
        runs.Add(removal);
        Assert.Null(removal.Terminating);
        Assert.Equal(neverSignedIn.Select(u => u.Username).OrderBy(n => n), Names(removal, "Removed"));
        Assert.Equal(signedIn.Append(changed).Select(u => u.Username).OrderBy(n => n), Names(removal, "Kept"));
        Assert.Equal(neverSignedIn.Count, Deletes(clerk));
        Assert.Equal(signedIn.Append(changed).Select(u => clerkIdOf[u.Username]).OrderBy(i => i), clerk.Users.Select(u => u.Id).OrderBy(i => i));
        foreach (PoolUser user in signedIn)
        {
            ErrorRecord kept = Assert.Single(removal.Errors, e => e.CategoryInfo.TargetName == user.Username);
            Assert.Equal("ClerkUserSignedIn", ErrorId(kept));
            Assert.Contains(signedInAt[user.Username].UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), kept.Exception.Message, StringComparison.Ordinal);
            PSObject result = removal.Output.Single(o => Text(o, "CognitoUsername") == user.Username);
            Assert.Equal(signedInAt[user.Username].UtcDateTime, (DateTime)result.Properties["LastSignInAt"].Value, TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal("ClerkUserChanged", ErrorId(Assert.Single(removal.Errors, e => e.CategoryInfo.TargetName == changed.Username)));
        Assert.Equal(6, removal.Errors.Count);
        string[] removalLines = File.ReadAllLines(JournalPath).Skip(File.ReadAllLines(JournalPath).Length - confirmed.Count).ToArray();
        Assert.Equal(neverSignedIn.Count, removalLines.Count(l => l.Contains("\"status\":\"Removed\"", StringComparison.Ordinal) && l.Contains("\"operation\":\"remove\"", StringComparison.Ordinal)));

        // 5. The same removal again removes nothing more.
        ScriptRun again = host.Run("Remove-ClerkMigratedUser -JournalPath $journal -Confirm:$false", journal);
        runs.Add(again);
        Assert.Null(again.Terminating);
        Assert.Empty(Names(again, "Removed"));
        Assert.Equal(6, Names(again, "Kept").Count);
        Assert.Equal(neverSignedIn.Count, Deletes(clerk));

        // 6. The migration with the same journal creates the removed users again; the kept ones are finished.
        ScriptRun redo = host.Run(Migrate, journal);
        runs.Add(redo);
        Assert.Null(redo.Terminating);
        Assert.Equal(neverSignedIn.Select(u => u.Username).OrderBy(n => n),
            redo.Output.Where(o => Text(o, "Status") == "Created" && !(bool)o.Properties["FromJournal"].Value).Select(o => Text(o, "CognitoUsername")).OrderBy(n => n));
        Assert.Equal(6, redo.Output.Count(o => (bool)o.Properties["FromJournal"].Value));
        Assert.Equal(confirmed.Count, clerk.Users.Count);
        foreach (PoolUser user in neverSignedIn)
        {
            string newId = Text(redo.Output.Single(o => Text(o, "CognitoUsername") == user.Username), "ClerkUserId")!;
            Assert.NotEqual(clerkIdOf[user.Username], newId);
            _pool.AssertMetadata(user, clerk.Users.Single(u => u.Id == newId));
        }

        AssertNoSecrets(runs, clerk);
        _output.WriteLine(
            $"Carried: {confirmed.Count} users migrated ({withCustom} with custom attributes, {withGroups} in groups), metadata of all {confirmed.Count} checked; " +
            $"refused: {_pool.Disabled.Count()} disabled, 1 over 8 KB.\n" +
            $"Undo: -WhatIf 0 DELETE; removed {neverSignedIn.Count}, kept {signedIn.Count} (ClerkUserSignedIn) + 1 (ClerkUserChanged); " +
            $"second removal 0 removed; re-migration re-created {neverSignedIn.Count}.");
    }

    [Fact]
    public async Task An_attribute_map_moves_what_it_names_and_disabled_users_are_created_banned_the_same_by_either_cmdlet()
    {
        await using ClerkEmulator clerk = await _pool.StartClerkAsync("ins_map");
        using EnvironmentScope environment = _pool.Environment(clerk);
        using var host = new ModuleHost();

        ScriptRun run = host.Run($"Get-CognitoMigrationUser -IncludeGroups | ConvertTo-ClerkCognitoDigest -AttributeMap {MapLiteral} -DisabledUser Ban | New-ClerkMigratedUser");

        Assert.Null(run.Terminating);
        List<PoolUser> expected = _pool.Confirmed.Concat(_pool.Disabled).ToList();
        Assert.Equal(expected.Select(u => u.Username).OrderBy(n => n), Names(run, "Created"));
        Assert.Equal("ClerkMetadataTooLarge", ErrorId(Assert.Single(run.Errors)));
        Assert.Equal(_pool.Disabled.Select(u => u.Username).OrderBy(n => n),
            run.Warnings.Where(w => w.Contains("created banned", StringComparison.Ordinal)).Select(w => _pool.Disabled.Single(u => w.Contains($"'{u.Username}'", StringComparison.Ordinal)).Username).OrderBy(n => n));
        foreach (PoolUser user in expected)
        {
            string id = Text(run.Output.Single(o => Text(o, "CognitoUsername") == user.Username), "ClerkUserId")!;
            ClerkEmulatorUser clerkUser = clerk.Users.Single(u => u.Id == id);
            _pool.AssertMetadata(user, clerkUser, Map);
            Assert.Equal(!user.Enabled, clerkUser.Banned);
        }

        // A banned user keeps their identifiers in Clerk, and nobody can sign in as them, with the right password or not.
        using var probe = new ClerkSignInProbe(clerk.BaseUrl, clerk.Options.SecretKey);
        PoolUser disabled = _pool.Disabled.First();
        ClerkSignInAnswer refused = await probe.SignInAsync(Text(run.Output.Single(o => Text(o, "CognitoUsername") == disabled.Username), "ClerkUserId")!, disabled.Password);
        Assert.Equal((403, "user_banned"), (refused.Status, refused.ErrorCode));

        // New-ClerkMigratedUser given the Cognito users directly, with the same options, builds the same metadata.
        await using ClerkEmulator direct = await _pool.StartClerkAsync("ins_map_direct");
        using EnvironmentScope toDirect = _pool.Environment(direct);
        ScriptRun directRun = host.Run($"Get-CognitoMigrationUser -IncludeGroups | New-ClerkMigratedUser -AttributeMap {MapLiteral} -DisabledUser Ban");
        Assert.Null(directRun.Terminating);
        Assert.Equal(expected.Count, direct.Users.Count);
        foreach (ClerkEmulatorUser user in direct.Users)
        {
            // The same JSON; the order of keys may differ (a digest's metadata is a Hashtable).
            ClerkEmulatorUser viaDigest = clerk.Users.Single(u => u.ExternalId == user.ExternalId);
            Assert.True(SameJson(viaDigest.PublicMetadataJson, user.PublicMetadataJson), user.Username);
            Assert.True(SameJson(viaDigest.PrivateMetadataJson, user.PrivateMetadataJson), user.Username);
            Assert.True(SameJson(viaDigest.UnsafeMetadataJson, user.UnsafeMetadataJson), user.Username);
            Assert.Equal(viaDigest.Banned, user.Banned);
        }

        AssertNoSecrets(new[] { run, directRun }, clerk);
    }

    [Fact]
    public async Task A_map_to_foo_bar_is_one_parameter_error_before_any_user_and_Clerk_hears_nothing()
    {
        await using ClerkEmulator clerk = await _pool.StartClerkAsync("ins_badmap");
        using EnvironmentScope environment = _pool.Environment(clerk);
        using var host = new ModuleHost();

        ErrorRecord convert = Caught(host.Run(Try("Get-CognitoMigrationUser | ConvertTo-ClerkCognitoDigest -AttributeMap @{ 'custom:tenant' = 'foo.bar' }")));
        ErrorRecord create = Caught(host.Run(Try("Get-CognitoMigrationUser | New-ClerkMigratedUser -AttributeMap @{ 'custom:tenant' = 'foo.bar'; 'groups' = 'public_metadata' }")));

        foreach (ErrorRecord error in new[] { convert, create })
        {
            Assert.Equal("AttributeMapInvalid", ErrorId(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("'foo.bar'", error.Exception.Message, StringComparison.Ordinal);
        }

        Assert.Contains("names the whole public_metadata", create.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, clerk.Stats.Requests);
    }

    [Fact]
    public async Task A_journal_from_another_instance_removes_nothing_there_and_stops_once()
    {
        await using ClerkEmulator rehearsal = await _pool.StartClerkAsync("ins_rehearsal_a");
        await using ClerkEmulator other = await _pool.StartClerkAsync("ins_production_b");
        using var host = new ModuleHost();
        var journal = new Dictionary<string, object?> { ["journal"] = JournalPath };
        using (EnvironmentScope toRehearsal = _pool.Environment(rehearsal))
        {
            Assert.Null(host.Run(Migrate, journal).Terminating);
        }

        // The same users exist in the other instance too (migrated there without this journal).
        using EnvironmentScope toOther = _pool.Environment(other);
        Assert.Null(host.Run("Get-CognitoMigrationUser | New-ClerkMigratedUser").Terminating);
        other.ResetStats();

        ErrorRecord error = Caught(host.Run(Try("Remove-ClerkMigratedUser -JournalPath $journal -Confirm:$false"), journal));

        Assert.Equal("ClerkJournalOtherInstance", ErrorId(error));
        Assert.Contains("ins_rehearsal_a", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("ins_production_b", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(new[] { "GET /v1/instance" }, other.Requests.Select(r => r.Method + " " + r.Path).Distinct());
        Assert.Equal(_pool.Confirmed.Count(), other.Users.Count);
        Assert.Equal(_pool.Confirmed.Count(), rehearsal.Users.Count);
    }

    [Fact]
    public async Task A_result_whose_Clerk_user_was_changed_since_is_kept_and_the_others_of_the_results_are_removed()
    {
        await using ClerkEmulator clerk = await _pool.StartClerkAsync("ins_results");
        using EnvironmentScope environment = _pool.Environment(clerk);
        using var host = new ModuleHost();
        ScriptRun migration = host.Run("$results = Get-CognitoMigrationUser | New-ClerkMigratedUser; $results");
        List<PSObject> created = migration.Output.Where(o => Text(o, "Status") == "Created").ToList();
        PSObject changed = created[3];
        await ChangeExternalIdAsync(clerk, Text(changed, "ClerkUserId")!, "someone-else");

        // Every result goes in: Skipped ones have no Clerk user and are passed over, Created ones are checked.
        ScriptRun removal = host.Run("$results | Remove-ClerkMigratedUser -Confirm:$false -Verbose");

        Assert.Null(removal.Terminating);
        Assert.Equal(created.Count - 1, Names(removal, "Removed").Count);
        PSObject kept = Assert.Single(removal.Output, o => Text(o, "Status") == "Kept");
        Assert.Equal(Text(changed, "ClerkUserId"), Text(kept, "ClerkUserId"));
        Assert.Equal("ClerkUserChanged", Text(kept, "ErrorCode"));
        ErrorRecord error = Assert.Single(removal.Errors);
        Assert.Equal("ClerkUserChanged", ErrorId(error));
        Assert.Contains("someone-else", error.Exception.Message, StringComparison.Ordinal);
        Assert.Equal(Text(changed, "ClerkUserId"), Assert.Single(clerk.Users).Id);
        Assert.Equal(migration.Output.Count - created.Count, removal.Verbose.Count(v => v.Contains("nothing to remove", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_digest_edited_over_8_KB_is_not_sent_and_the_run_goes_on()
    {
        await using ClerkEmulator clerk = await _pool.StartClerkAsync("ins_bigdigest");
        using EnvironmentScope environment = _pool.Environment(clerk);
        using var host = new ModuleHost();

        ScriptRun run = host.Run("""
            $digests = @(Get-CognitoMigrationUser | Where-Object Enabled | ConvertTo-ClerkCognitoDigest -ErrorAction SilentlyContinue)
            @($digests | Where-Object Migratable)[0].unsafe_metadata = @{ notes = 'n' * 9000 }
            $digests | New-ClerkMigratedUser
            """);

        // The edited digest is refused here, with its error. bigmeta, over 8 KB from the start, came as
        // ConvertTo-ClerkCognitoDigest's not-migratable marker (its error was reported, and silenced, there): it is
        // Skipped for the same reason, without a second error, so each of the two users has a result.
        Assert.Null(run.Terminating);
        ErrorRecord error = Assert.Single(run.Errors);
        Assert.Equal("ClerkMetadataTooLarge", ErrorId(error));
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        List<PSObject> tooLarge = run.Output.Where(o => Text(o, "ErrorCode") == "ClerkMetadataTooLarge").ToList();
        Assert.All(tooLarge, o => Assert.Equal("Skipped", Text(o, "Status")));
        Assert.Equal(2, tooLarge.Count);
        string edited = Assert.Single(tooLarge.Select(o => Text(o, "CognitoUsername")!), name => name != _pool.Big.Username);
        Assert.Contains(edited, _pool.Confirmed.Select(u => u.Username));
        Assert.Contains(tooLarge, o => Text(o, "CognitoUsername") == _pool.Big.Username);
        Assert.Equal(_pool.Confirmed.Count() - 1, Names(run, "Created").Count);
        Assert.DoesNotContain(edited, Names(run, "Created"));
        Assert.Equal(_pool.Confirmed.Count() - 1, clerk.Stats.Creates);
    }

    [Fact]
    public async Task The_cutover_status_compares_a_users_groups_only_when_it_reads_the_groups()
    {
        await using ClerkEmulator clerk = await _pool.StartClerkAsync("ins_status");
        using EnvironmentScope environment = _pool.Environment(clerk);
        using var host = new ModuleHost();
        Assert.Null(host.Run(Migrate, new Dictionary<string, object?> { ["journal"] = JournalPath }).Terminating);
        PoolUser grouped = _pool.Confirmed.First(u => u.Groups.Count > 0);
        string id = clerk.Users.Single(u => u.PrivateMetadataJson?.Contains("\"username\":\"" + grouped.Username + "\"", StringComparison.Ordinal) == true).Id;

        // In step: with or without the groups read, nobody has changed.
        ScriptRun before = host.Run("Get-ClerkMigrationStatus -IncludeGroups");
        Assert.Null(before.Terminating);
        Assert.All(before.Output.Where(o => Text(o, "ClerkUserId") != null), o => Assert.Empty(((IEnumerable<string>)o.Properties["Changes"].Value).ToArray()));

        // The user's groups changed in Clerk: only a run that reads the groups can tell.
        await PatchMetadataAsync(clerk, id, """{"public_metadata":{"cognito_groups":["intruders"]}}""");
        ScriptRun withGroups = host.Run("Get-ClerkMigrationStatus -IncludeGroups");
        ScriptRun without = host.Run("Get-ClerkMigrationStatus");

        Assert.Equal(
            new[] { (grouped.Username, "public_metadata.cognito_groups") },
            withGroups.Output.Where(o => (((IEnumerable<string>)o.Properties["Changes"].Value).ToArray()).Length > 0)
                .Select(o => (Text(o, "Username")!, string.Join(",", ((IEnumerable<string>)o.Properties["Changes"].Value).ToArray()))));
        Assert.All(without.Output, o => Assert.Empty(((IEnumerable<string>)o.Properties["Changes"].Value).ToArray()));
        Assert.Equal(withGroups.Output.Count, without.Output.Count);
    }

    private static async Task PatchMetadataAsync(ClerkEmulator clerk, string userId, string json)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Patch, clerk.BaseUrl + "/v1/users/" + userId + "/metadata")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clerk.Options.SecretKey);
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task ChangeExternalIdAsync(ClerkEmulator clerk, string userId, string externalId)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Patch, clerk.BaseUrl + "/v1/users/" + userId)
        {
            Content = new StringContent("{\"external_id\":\"" + externalId + "\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", clerk.Options.SecretKey);
        using HttpResponseMessage response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static bool SameJson(string? a, string? b) =>
        System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(a ?? "{}"), System.Text.Json.Nodes.JsonNode.Parse(b ?? "{}"));

    /// <summary>Inside try/catch: only a terminating error reaches the catch block; a non-terminating one stays in the error stream.</summary>
    private static string Try(string pipeline) => "try { " + pipeline + " } catch { [pscustomobject]@{ Caught = $_ } }";

    private static ErrorRecord Caught(ScriptRun run)
    {
        Assert.Null(run.Terminating);
        PSObject caught = Assert.Single(run.Output);
        return Assert.IsType<ErrorRecord>(PSObject.AsPSObject(caught.Properties["Caught"]?.Value).BaseObject);
    }

    private static int Deletes(ClerkEmulator clerk) => clerk.Requests.Count(r => r.Method == "DELETE");

    private static List<string> Names(ScriptRun run, string status) =>
        run.Output.Where(o => Text(o, "Status") == status).Select(o => Text(o, "CognitoUsername")!).OrderBy(n => n).ToList();

    private static string? Text(PSObject result, string property) => result.Properties[property]?.Value?.ToString();

    private static string ErrorId(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];

    private void AssertNoSecrets(IEnumerable<ScriptRun> runs, ClerkEmulator clerk)
    {
        foreach (ScriptRun run in runs)
        {
            string text = run.AllText();
            Assert.DoesNotContain(clerk.Options.SecretKey, text);
            AwsTestCredentials.AssertNoSecretIn(run);
            foreach (PoolUser user in _pool.Users)
            {
                Assert.DoesNotContain(user.Password, text);
            }
        }

        if (File.Exists(JournalPath))
        {
            string journal = File.ReadAllText(JournalPath);
            Assert.DoesNotContain(clerk.Options.SecretKey, journal);
            Assert.All(_pool.Users, u => Assert.DoesNotContain(u.Password, journal));
        }
    }
}
