using System.Management.Automation;
using System.Text;
using System.Text.Json;
using CognitoClerk.Emulators;
using Xunit;
using Xunit.Abstractions;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// The whole migration as an admin runs it: cognito-local holds a pool of users with known passwords, the
/// Clerk emulator checks awscognito passwords against it, and the README pipeline runs in the real
/// PowerShell engine with the environment variables pointing at both. Then every migrated user signs in
/// through Clerk with the Cognito password. Every figure is counted here and compared with what was seeded.
/// </summary>
public sealed class EndToEndMigrationTests : IAsyncLifetime
{
    private const int SeededUsers = 150;

    private static readonly string Pipeline =
        $"Get-CognitoMigrationUser | Where-Object {{ {SampleMigrationPool.WhereObjectFilter} }} | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser";

    private readonly ITestOutputHelper _output;
    private readonly string _secretKey = "sk_test_e2e" + Guid.NewGuid().ToString("N");
    private SampleMigrationServices? _services;

    public EndToEndMigrationTests(ITestOutputHelper output) => _output = output;

    private CognitoLocalServer Cognito => _services!.Cognito;

    private ClerkEmulator Clerk => _services!.Clerk;

    private CognitoLocalAppClient AppClient => _services!.Client;

    private IReadOnlyList<SampleMigrationUser> SeededPool => _services!.Users;

    public async Task InitializeAsync()
    {
        // Username mode (no UsernameAttributes), and the public client with USER_PASSWORD_AUTH Clerk's guide asks for.
        _services = await SampleMigrationServices.StartAsync("e2e", SeededUsers, new ClerkEmulatorOptions
        {
            SecretKey = _secretKey,

            // A production instance's 1000 requests per 10 s keeps this run short; pacing has its own tests.
            EnvironmentType = "production",
        });
        Assert.Equal(SeededPool.Select(u => u.Username), _services.StoredUsernames);
    }

    public async Task DisposeAsync()
    {
        if (_services != null)
        {
            await _services.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_README_pipeline_migrates_the_pool_and_every_migrated_user_signs_in_with_the_Cognito_password()
    {
        string poolId = AppClient.UserPoolId;
        using EnvironmentScope environment = AwsTestCredentials.Environment()
            .Set("COGNITO_USER_POOL_ID", poolId)
            .Set("COGNITO_CLIENT_ID", AppClient.ClientId)
            .Set("CLERK_SECRET_KEY", _secretKey)
            .Set("CLERK_API_URL", Clerk.BaseUrl)
            .Set("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", Cognito.EndpointUrl);
        using var host = new ModuleHost();

        List<SampleMigrationUser> migratable = SeededPool.Where(u => u.Expectation == SampleMigrationExpectation.Migrated).ToList();
        List<SampleMigrationUser> refused = SeededPool.Where(u => u.Expectation == SampleMigrationExpectation.Skipped).ToList();
        List<SampleMigrationUser> filteredOut = SeededPool.Where(u => u.Expectation == SampleMigrationExpectation.FilteredOut).ToList();
        Dictionary<string, int> expectedByErrorId = refused.GroupBy(u => u.ExpectedErrorId!).ToDictionary(g => g.Key, g => g.Count());
        Dictionary<string, string> subByUsername = await ReadSubsFromCognitoAsync(poolId);
        var runs = new List<ScriptRun>();

        // 1. The dry run: the payloads are built and the refusals reported, and Clerk hears nothing. Each refused
        //    user is also a Skipped result (ConvertTo-ClerkCognitoDigest's marker), reported once, not twice.
        ScriptRun whatIf = host.Run(Pipeline + " -WhatIf -Verbose");
        runs.Add(whatIf);
        Assert.Null(whatIf.Terminating);
        AssertSkippedResults(whatIf.Output, refused);
        Assert.Equal(refused.Count, whatIf.Output.Count);
        Assert.Equal(0, Clerk.Stats.Requests);
        Assert.Empty(Clerk.Users);
        Assert.Contains(whatIf.Verbose, v => v.Contains($"would create {migratable.Count}", StringComparison.Ordinal));
        AssertRefusalsReported(whatIf, refused);

        // The short form, without the conversion step and the filter: the same dry run, every user considered.
        List<SampleMigrationUser> refusedUnfiltered = SeededPool.Where(u => u.ExpectedErrorId != null).ToList();
        ScriptRun shortWhatIf = host.Run("Get-CognitoMigrationUser | New-ClerkMigratedUser -WhatIf -Verbose");
        runs.Add(shortWhatIf);
        Assert.Null(shortWhatIf.Terminating);
        Assert.Equal(0, Clerk.Stats.Requests);
        Assert.Contains(shortWhatIf.Verbose, v => v.Contains($"would create {SeededPool.Count - refusedUnfiltered.Count}", StringComparison.Ordinal));
        AssertRefusalsReported(shortWhatIf, refusedUnfiltered);
        Assert.Equal(
            refusedUnfiltered.Select(u => (u.Username, u.ExpectedErrorId)).OrderBy(p => p.Username, StringComparer.Ordinal),
            shortWhatIf.Output.Select(o => ((string)o.Properties["CognitoUsername"].Value, (string?)o.Properties["ErrorCode"].Value))
                .OrderBy(p => p.Item1, StringComparer.Ordinal));
        Assert.All(shortWhatIf.Output, o => Assert.Equal("Skipped", Status(o)));

        // 2. The migration.
        ScriptRun migration = host.Run(Pipeline);
        runs.Add(migration);
        Assert.Null(migration.Terminating);
        List<PSObject> created = migration.Output.Where(o => Status(o) == "Created").ToList();
        Assert.Equal(migratable.Count + refused.Count, migration.Output.Count);
        AssertSkippedResults(migration.Output.Where(o => Status(o) != "Created"), refused);
        Assert.Equal(migratable.Select(u => u.Username).OrderBy(n => n, StringComparer.Ordinal),
            created.Select(o => (string)o.Properties["CognitoUsername"].Value).OrderBy(n => n, StringComparer.Ordinal));
        Dictionary<string, int> reportedByErrorId = AssertRefusalsReported(migration, refused);
        Assert.Equal(expectedByErrorId.OrderBy(p => p.Key), reportedByErrorId.OrderBy(p => p.Key));

        // What Clerk now holds: one user per migratable Cognito user, every field carried over intact.
        Dictionary<string, ClerkEmulatorUser> clerkUsers = Clerk.Users.ToDictionary(u => u.Id);
        Assert.Equal(migratable.Count, clerkUsers.Count);
        var clerkIdByUsername = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (PSObject result in created)
        {
            string username = (string)result.Properties["CognitoUsername"].Value;
            string clerkId = (string)result.Properties["ClerkUserId"].Value;
            SampleMigrationUser seeded = migratable.Single(u => u.Username == username);
            ClerkEmulatorUser clerkUser = clerkUsers[clerkId];
            AssertCarriedOver(seeded, clerkUser, poolId, subByUsername[username]);
            Assert.Equal(clerkUser.ExternalId, result.Properties["ExternalId"].Value);
            clerkIdByUsername.Add(username, clerkId);
        }

        // 3. First sign-ins, as Clerk makes them: a wrong password is refused (Cognito says so), then every
        //    migrated user's own Cognito password is accepted, each one checked by Cognito InitiateAuth.
        using var signIn = new ClerkSignInProbe(Clerk.BaseUrl, _secretKey);
        SampleMigrationUser probeUser = migratable[0];
        long cognitoCallsBefore = Clerk.Stats.CognitoCalls;
        ClerkSignInAnswer wrongBeforeRehash = await signIn.VerifyPasswordAsync(clerkIdByUsername[probeUser.Username], probeUser.Password + "x");
        Assert.False(wrongBeforeRehash.Verified);
        Assert.Equal(422, wrongBeforeRehash.Status);
        Assert.Equal("incorrect_password", wrongBeforeRehash.ErrorCode);
        Assert.Equal(cognitoCallsBefore + 1, Clerk.Stats.CognitoCalls);

        cognitoCallsBefore = Clerk.Stats.CognitoCalls;
        var firstSignInFailures = new List<string>();
        foreach (SampleMigrationUser user in migratable)
        {
            ClerkSignInAnswer answer = await signIn.VerifyPasswordAsync(clerkIdByUsername[user.Username], user.Password);
            if (!answer.Verified)
            {
                firstSignInFailures.Add($"{user.Username}: {answer}");
            }
        }

        Assert.Empty(firstSignInFailures);
        long firstSignInCognitoCalls = Clerk.Stats.CognitoCalls - cognitoCallsBefore;
        Assert.Equal(migratable.Count, firstSignInCognitoCalls);
        Assert.Equal(migratable.Count, Clerk.Stats.PasswordsMigrated);
        Assert.All(Clerk.Users, u => Assert.NotEqual("awscognito", u.PasswordHasher));

        // 4. Second sign-ins: Clerk re-hashed each password at the first one and no longer asks Cognito.
        cognitoCallsBefore = Clerk.Stats.CognitoCalls;
        int secondSignIns = 0;
        foreach (SampleMigrationUser user in migratable)
        {
            if ((await signIn.VerifyPasswordAsync(clerkIdByUsername[user.Username], user.Password)).Verified)
            {
                secondSignIns++;
            }
        }

        ClerkSignInAnswer wrongAfterRehash = await signIn.VerifyPasswordAsync(clerkIdByUsername[probeUser.Username], "not-" + probeUser.Password);
        Assert.Equal(migratable.Count, secondSignIns);
        Assert.Equal("incorrect_password", wrongAfterRehash.ErrorCode);
        Assert.Equal(cognitoCallsBefore, Clerk.Stats.CognitoCalls);

        // 5. The same line again, as scheduled scripts run it: nothing new, everyone recognised by external_id.
        long createsBefore = Clerk.Stats.Creates;
        ScriptRun rerun = host.Run(Pipeline);
        runs.Add(rerun);
        Assert.Null(rerun.Terminating);
        List<PSObject> again = rerun.Output.Where(o => Status(o) != "Skipped").ToList();
        Assert.Equal(migratable.Count, again.Count);
        Assert.All(again, o => Assert.Equal("AlreadyMigrated", Status(o)));
        Assert.All(again, o => Assert.Equal(clerkIdByUsername[(string)o.Properties["CognitoUsername"].Value], o.Properties["ClerkUserId"].Value));
        AssertSkippedResults(rerun.Output.Where(o => Status(o) == "Skipped"), refused);
        Assert.Equal(createsBefore, Clerk.Stats.Creates);
        Assert.Equal(migratable.Count, Clerk.Users.Count);
        AssertRefusalsReported(rerun, refused);

        // 6. No secret in any stream of any run: the Clerk key, every password, the AWS keys.
        foreach (ScriptRun run in runs)
        {
            string text = run.AllText();
            Assert.DoesNotContain(_secretKey, text);
            AwsTestCredentials.AssertNoSecretIn(run);
            foreach (SampleMigrationUser user in SeededPool)
            {
                Assert.DoesNotContain(user.Password, text);
            }
        }

        // The figures, for the record.
        var report = new StringBuilder();
        report.AppendLine("End-to-end migration: cognito-local 5.3.0 + Clerk emulator, README pipeline in PowerShell 7.6 (hosted)");
        report.AppendLine($"  pipeline: {Pipeline}");
        report.AppendLine($"  seeded Cognito users:           {SeededPool.Count}");
        report.AppendLine($"  left out by Where-Object:       {filteredOut.Count}");
        report.AppendLine($"  -WhatIf: Clerk requests:        0 (would create {migratable.Count}; without the filter {SeededPool.Count - refusedUnfiltered.Count})");
        report.AppendLine($"  migrated (Created):             {created.Count}");
        report.AppendLine($"  signed in, first time:          {migratable.Count - firstSignInFailures.Count}/{migratable.Count} ({firstSignInCognitoCalls} Cognito InitiateAuth calls)");
        report.AppendLine($"  signed in, second time:         {secondSignIns}/{migratable.Count} (0 Cognito calls: re-hashed)");
        report.AppendLine("  wrong password refused:         2/2 (once via Cognito, once after re-hash)");
        report.AppendLine($"  re-run: AlreadyMigrated:        {rerun.Output.Count}, new Clerk users: {Clerk.Stats.Creates - createsBefore}");
        report.AppendLine($"  not migratable, reported:       {reportedByErrorId.Values.Sum()}");
        foreach (KeyValuePair<string, int> pair in reportedByErrorId.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            report.AppendLine($"    {pair.Key,-32}{pair.Value}");
        }

        _output.WriteLine(report.ToString());
    }

    private static string Status(PSObject result) => result.Properties["Status"].Value.ToString()!;

    /// <summary>Exactly the refused users, as Skipped results with the ErrorId they were reported with and a reason.</summary>
    private static void AssertSkippedResults(IEnumerable<PSObject> results, IReadOnlyList<SampleMigrationUser> refused)
    {
        List<PSObject> skipped = results.ToList();
        Assert.All(skipped, o => Assert.Equal("Skipped", Status(o)));
        Assert.All(skipped, o => Assert.False(string.IsNullOrEmpty((string?)o.Properties["Reason"].Value)));
        Assert.Equal(
            refused.Select(u => (u.Username, u.ExpectedErrorId)).OrderBy(p => p.Username, StringComparer.Ordinal),
            skipped.Select(o => ((string)o.Properties["CognitoUsername"].Value, (string?)o.Properties["ErrorCode"].Value)).OrderBy(p => p.Item1, StringComparer.Ordinal));
    }

    /// <summary>
    /// Each refused user exactly once, as a non-terminating error with the expected ErrorId, the user as the
    /// target and a reason naming them; nobody else reported. Returns the count per ErrorId.
    /// </summary>
    private static Dictionary<string, int> AssertRefusalsReported(ScriptRun run, IReadOnlyList<SampleMigrationUser> refused)
    {
        var reported = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ErrorRecord error in run.Errors)
        {
            string errorId = error.FullyQualifiedErrorId.Split(',')[0];
            string username = error.CategoryInfo.TargetName;
            Assert.True(reported.TryAdd(username, errorId), $"{username} was reported twice.");
            Assert.Contains($"'{username}'", error.Exception.Message, StringComparison.Ordinal);
            Assert.Equal(username, (string)PSObject.AsPSObject(error.TargetObject).Properties["Username"].Value);
        }

        Assert.Equal(
            refused.ToDictionary(u => u.Username, u => u.ExpectedErrorId!).OrderBy(p => p.Key, StringComparer.Ordinal),
            reported.OrderBy(p => p.Key, StringComparer.Ordinal));
        return reported.Values.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
    }

    private void AssertCarriedOver(SampleMigrationUser seeded, ClerkEmulatorUser clerkUser, string poolId, string sub)
    {
        IReadOnlyDictionary<string, string> attributes = seeded.Seed.Attributes;
        Assert.Equal("awscognito", clerkUser.PasswordHasher);
        Assert.Equal($"awscognito#{poolId}#{AppClient.ClientId}#{seeded.Username}", clerkUser.PasswordDigest);
        Assert.Equal(sub, clerkUser.ExternalId);
        Assert.Equal(attributes["given_name"], clerkUser.FirstName);
        Assert.Equal(attributes["family_name"], clerkUser.LastName);
        ClerkEmulatorIdentification email = Assert.Single(clerkUser.EmailAddresses);
        Assert.Equal(attributes["email"], email.Value);
        Assert.Equal(attributes["email_verified"] == "true" ? "verified" : "reserved", email.Status);
        if (attributes.TryGetValue("phone_number", out string? phone))
        {
            ClerkEmulatorIdentification stored = Assert.Single(clerkUser.PhoneNumbers);
            Assert.Equal(phone, stored.Value);
            Assert.Equal(attributes["phone_number_verified"] == "true" ? "verified" : "reserved", stored.Status);
        }
        else
        {
            Assert.Empty(clerkUser.PhoneNumbers);
        }

        using JsonDocument metadata = JsonDocument.Parse(clerkUser.PrivateMetadataJson!);
        JsonElement cognito = metadata.RootElement.GetProperty("cognito");
        Assert.Equal(seeded.Username, cognito.GetProperty("username").GetString());
        Assert.Equal(poolId, cognito.GetProperty("user_pool_id").GetString());
    }

    /// <summary>The sub of every user, straight from cognito-local (it answers ListUsers with the whole pool).</summary>
    private async Task<Dictionary<string, string>> ReadSubsFromCognitoAsync(string poolId)
    {
        JsonElement answer = await Cognito.CallAsync("ListUsers", new Dictionary<string, object> { ["UserPoolId"] = poolId });
        var subs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonElement user in answer.GetProperty("Users").EnumerateArray())
        {
            string sub = user.GetProperty("Attributes").EnumerateArray()
                .Single(a => a.GetProperty("Name").GetString() == "sub").GetProperty("Value").GetString()!;
            subs.Add(user.GetProperty("Username").GetString()!, sub);
        }

        Assert.Equal(SeededPool.Count, subs.Count);
        return subs;
    }
}
