using System.Diagnostics;
using System.Management.Automation;
using System.Security;
using System.Text.Json;
using CognitoClerk.Emulators;
using Xunit;
using Xunit.Abstractions;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>New-ClerkMigratedUser in the hosted engine against the Clerk emulator.</summary>
public sealed class NewClerkMigratedUserTests : IAsyncLifetime
{
    private const string DigestFunction = @"
function New-TestDigest([int] $i, [string] $email, [string] $sub) {
    $d = [CognitoClerk.ClerkCognitoDigest]::new()
    $d.password_digest = ""awscognito#us-east-1_TEST#client123#user$i""
    $d.external_id = if ($sub) { $sub } else { ""sub-$i"" }
    $d.email_address = @($(if ($email) { $email } else { ""user$i@example.com"" }))
    $d.email_address_identification_status = @('verified')
    $d.first_name = ""First$i""
    $d.private_metadata = @{ cognito = @{ username = ""user$i""; user_pool_id = 'us-east-1_TEST' } }
    $d
}
";

    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(3);

    private readonly ITestOutputHelper _log;
    private readonly Dictionary<string, string?> _savedEnvironment = new();
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cognitoclerk-nmu-" + Guid.NewGuid().ToString("N"));
    private ClerkEmulator _emulator = null!;
    private ModuleHost _host = null!;

    public NewClerkMigratedUserTests(ITestOutputHelper log) => _log = log;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _emulator = await StartEmulatorAsync(new ClerkEmulatorOptions { EnvironmentType = "production" });
        _host = new ModuleHost();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _emulator.DisposeAsync();
        foreach (var pair in _savedEnvironment)
        {
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public void Each_digest_becomes_one_Clerk_user_with_its_awscognito_payload_and_a_rerun_creates_nothing()
    {
        ScriptRun first = _host.Run(DigestFunction + "1..40 | ForEach-Object { New-TestDigest $_ } | New-ClerkMigratedUser -ExpectedCount 40 -Confirm:$false");

        Assert.Null(first.Terminating);
        Assert.Empty(first.Errors);
        Assert.Equal(40, first.Output.Count);
        Assert.All(first.Output, o => Assert.Equal("Created", o.Properties["Status"].Value.ToString()));
        Assert.Equal(Enumerable.Range(1, 40).Select(i => $"user{i}").OrderBy(x => x), first.Output.Select(o => (string)o.Properties["CognitoUsername"].Value).OrderBy(x => x));
        Assert.Equal(40, _emulator.Users.Count);
        ClerkEmulatorUser seven = _emulator.Users.Single(u => u.ExternalId == "sub-7");
        Assert.Equal("awscognito", seven.PasswordHasher);
        Assert.Equal("awscognito#us-east-1_TEST#client123#user7", seven.PasswordDigest);
        Assert.Equal("user7@example.com", Assert.Single(seven.EmailAddresses).Value);
        Assert.Equal(seven.Id, first.Output.Single(o => (string)o.Properties["ExternalId"].Value == "sub-7").Properties["ClerkUserId"].Value);
        Assert.Contains(first.Progress, p => p.RecordType == ProgressRecordType.Processing && p.PercentComplete >= 0 && p.Activity == "Creating Clerk users");
        Assert.Equal(ProgressRecordType.Completed, first.Progress.Last().RecordType);

        long createsBefore = _emulator.Stats.Creates;
        ScriptRun second = _host.Run(DigestFunction + "1..40 | ForEach-Object { New-TestDigest $_ } | New-ClerkMigratedUser -Confirm:$false");

        Assert.Empty(second.Errors);
        Assert.Equal(40, second.Output.Count);
        Assert.All(second.Output, o => Assert.Equal("AlreadyMigrated", o.Properties["Status"].Value.ToString()));
        Assert.Equal(createsBefore, _emulator.Stats.Creates);
        Assert.Equal(40, _emulator.Users.Count);
    }

    [Fact]
    public void WhatIf_sends_no_request_at_all_even_with_a_key()
    {
        ScriptRun run = _host.Run(DigestFunction + "1..25 | ForEach-Object { New-TestDigest $_ } | New-ClerkMigratedUser -WhatIf");

        Assert.Null(run.Terminating);
        Assert.Empty(run.Output);
        Assert.Equal(0, _emulator.Stats.Requests);
        Assert.Empty(_emulator.Users);
    }

    [Fact]
    public void One_result_per_input_with_duplicates_settled_as_AlreadyMigrated_or_Conflict_and_the_key_in_no_stream_or_journal()
    {
        // Earlier: someone else's user holds taken@example.com; our user 3 was migrated before.
        ScriptRun seed = _host.Run(DigestFunction + "(New-TestDigest 90 'taken@example.com' 'auth0|someone-else'), (New-TestDigest 3) | New-ClerkMigratedUser -Confirm:$false");
        Assert.Equal(2, seed.Output.Count);
        string otherId = _emulator.Users.Single(u => u.ExternalId == "auth0|someone-else").Id;
        string journal = Path.Combine(_directory, "mixed.jsonl");

        ScriptRun run = _host.Run(
            DigestFunction + @"
$bad = New-TestDigest 5
$bad.password_digest = ''
(New-TestDigest 1), (New-TestDigest 2 'taken@example.com'), (New-TestDigest 3), (New-TestDigest 4), $bad |
    New-ClerkMigratedUser -JournalPath $journal -Verbose -Confirm:$false",
            new Dictionary<string, object?> { ["journal"] = journal });

        Assert.Null(run.Terminating);
        var byUser = run.Output.ToDictionary(o => (string)o.Properties["CognitoUsername"].Value, o => o);
        Assert.Equal(5, run.Output.Count);
        Assert.Equal(new[] { "user1", "user2", "user3", "user4", "user5" }, byUser.Keys.OrderBy(k => k));
        Assert.Equal("Created", byUser["user1"].Properties["Status"].Value.ToString());
        Assert.Equal("Conflict", byUser["user2"].Properties["Status"].Value.ToString());
        Assert.Equal(otherId, byUser["user2"].Properties["ConflictingClerkUserId"].Value);
        Assert.Null(byUser["user2"].Properties["ClerkUserId"].Value);
        Assert.Equal("form_identifier_exists", byUser["user2"].Properties["ErrorCode"].Value);
        Assert.Equal("AlreadyMigrated", byUser["user3"].Properties["Status"].Value.ToString());
        Assert.Equal(_emulator.Users.Single(u => u.ExternalId == "sub-3").Id, byUser["user3"].Properties["ClerkUserId"].Value);
        Assert.Equal("Created", byUser["user4"].Properties["Status"].Value.ToString());
        Assert.Equal("Skipped", byUser["user5"].Properties["Status"].Value.ToString());

        Assert.Equal(2, run.Errors.Count);
        ErrorRecord conflict = run.Errors.Single(e => e.FullyQualifiedErrorId.StartsWith("ClerkIdentifierConflict,", StringComparison.Ordinal));
        Assert.Equal(ErrorCategory.ResourceExists, conflict.CategoryInfo.Category);
        Assert.Contains("user2", conflict.Exception.Message);
        Assert.Contains(otherId, conflict.Exception.Message);
        Assert.Contains(run.Errors, e => e.FullyQualifiedErrorId.StartsWith("ClerkDigestInvalid,", StringComparison.Ordinal));
        Assert.DoesNotContain(_emulator.Users, u => u.ExternalId == "sub-2");

        string key = ClerkEmulatorOptions.DefaultSecretKey;
        Assert.NotEmpty(run.Verbose);
        Assert.DoesNotContain(key, run.AllText());
        Assert.DoesNotContain("sk_test_", run.AllText());
        string journalText = File.ReadAllText(journal);
        Assert.DoesNotContain(key, journalText);
        Assert.Equal(5, journalText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void A_rejected_key_is_one_terminating_error_before_any_user_is_sent_and_the_key_appears_nowhere()
    {
        const string wrongKey = "sk_test_wrong_key_0000000000000000000000";
        var secure = new SecureString();
        foreach (char c in wrongKey)
        {
            secure.AppendChar(c);
        }

        ScriptRun run = _host.Run(
            DigestFunction + "try { 1..30 | ForEach-Object { New-TestDigest $_ } | New-ClerkMigratedUser -SecretKey $key -Confirm:$false -Verbose } catch { throw }",
            new Dictionary<string, object?> { ["key"] = secure });

        var terminating = Assert.IsAssignableFrom<IContainsErrorRecord>(run.Terminating);
        Assert.StartsWith("ClerkAuthenticationFailed,", terminating.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, terminating.ErrorRecord.CategoryInfo.Category);
        Assert.Empty(run.Output);
        Assert.Empty(run.Errors);
        Assert.Equal(1, _emulator.Stats.Unauthorized);
        Assert.Equal(0, _emulator.Stats.Creates);
        Assert.DoesNotContain(wrongKey, run.AllText());
        Assert.DoesNotContain(ClerkEmulatorOptions.DefaultSecretKey, run.AllText());
    }

    [Fact]
    public void IdentifierSource_Auto_puts_the_Cognito_username_in_the_digest_and_says_why()
    {
        ScriptRun run = _host.Run(
            "[pscustomobject]@{ Username = 'Ann.Lee'; UserStatus = 'CONFIRMED'; Enabled = $true; Attributes = @(@{ Name = 'sub'; Value = 'sub-ann' }, @{ Name = 'email'; Value = 'ann@example.com' }) } | " +
            "New-ClerkMigratedUser -UserPoolId us-east-1_TEST -ClientId client123 -IdentifierSource Auto -Confirm:$false -Verbose");

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal("Created", Assert.Single(run.Output).Properties["Status"].Value.ToString());
        Assert.Equal("awscognito#us-east-1_TEST#client123#Ann.Lee", _emulator.Users.Single(u => u.ExternalId == "sub-ann").PasswordDigest);
        Assert.Contains(run.Verbose, v => v.StartsWith("Auto chose Username", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plain_http_URL_off_loopback_is_refused_before_any_call()
    {
        ScriptRun run = _host.Run(DigestFunction + "try { New-TestDigest 1 | New-ClerkMigratedUser -ApiUrl 'http://clerk.example.com' -Confirm:$false } catch { throw }");

        var terminating = Assert.IsAssignableFrom<IContainsErrorRecord>(run.Terminating);
        Assert.StartsWith("ClerkApiUrlInvalid,", terminating.ErrorRecord.FullyQualifiedErrorId);
        Assert.Contains("http://", terminating.ErrorRecord.Exception.Message);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Two_thousand_users_with_ten_percent_injected_faults_give_one_result_each_and_one_Clerk_user_each()
    {
        // Timeouts are left out here only because the cmdlet's client waits 30 s for one; the engine test injects them.
        await using ClerkEmulator faulty = await StartEmulatorAsync(new ClerkEmulatorOptions
        {
            EnvironmentType = "production",
            FaultRate = 0.10,
            FaultSeed = 7,
            FaultKinds = ClerkFaultKind.All & ~ClerkFaultKind.Timeout,
            InjectedRetryAfterSeconds = 1,
            KeepRequestLog = false,
        });

        ScriptRun run = _host.Run(DigestFunction + "1..2000 | ForEach-Object { New-TestDigest $_ } | New-ClerkMigratedUser -RequestsPer10Seconds 100000 -ThrottleLimit 48 -Confirm:$false");

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(Enumerable.Range(1, 2000).Select(i => $"sub-{i}").OrderBy(x => x), run.Output.Select(o => (string)o.Properties["ExternalId"].Value).OrderBy(x => x));
        Assert.All(run.Output, o => Assert.Contains(o.Properties["Status"].Value.ToString(), new[] { "Created", "AlreadyMigrated" }));
        var stored = faulty.Users.GroupBy(u => u.ExternalId).ToList();
        Assert.Equal(2000, stored.Count);
        Assert.All(stored, g => Assert.Single(g));
        Assert.True(faulty.Stats.FaultsInjected > 100, $"Only {faulty.Stats.FaultsInjected} faults were injected.");
        _log.WriteLine($"faults injected: {faulty.Stats.FaultsInjected} of {faulty.Stats.Requests} requests");
    }

    [Fact]
    public async Task Stop_during_a_long_run_returns_quickly_with_every_known_outcome_journaled()
    {
        await using ClerkEmulator slow = await StartEmulatorAsync(new ClerkEmulatorOptions { EnvironmentType = "production", Latency = TimeSpan.FromMilliseconds(400) });
        string journal = Path.Combine(_directory, "stopped.jsonl");

        using var ps = _host.Create();
        ps.Runspace.SessionStateProxy.SetVariable("journal", journal);
        ps.AddScript(DigestFunction + "1..3000 | ForEach-Object { New-TestDigest $_ } | New-ClerkMigratedUser -JournalPath $journal -ThrottleLimit 4 -Confirm:$false");
        var output = new PSDataCollection<PSObject>();
        int received = 0;
        using var enough = new ManualResetEventSlim();
        output.DataAdded += (_, _) =>
        {
            if (Interlocked.Increment(ref received) >= 12)
            {
                enough.Set();
            }
        };

        IAsyncResult running = ps.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.True(enough.Wait(Generous), "No results arrived.");

        var watch = Stopwatch.StartNew();
        ps.Stop();
        watch.Stop();
        _log.WriteLine($"PowerShell.Stop() returned after {watch.ElapsedMilliseconds} ms");

        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        Assert.Equal(PSInvocationState.Stopped, ps.InvocationStateInfo.State);

        // The goal is under a second; the bound is generous for a loaded machine, yet far below the
        // minutes the remaining ~3000 users at 400 ms each would take if Stop did not cancel.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Stop took {watch.Elapsed}.");

        // Every result written before the stop is in the journal; the journal is closed (its lock file gone).
        var journaled = File.ReadAllLines(journal)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => r.GetProperty("external_id").GetString())
            .ToHashSet();
        Assert.All(output.ToList(), o => Assert.Contains((string)o.Properties["ExternalId"].Value, journaled));
        Assert.False(File.Exists(journal + ".lock"));
        Assert.True(slow.Users.Count < 3000);
    }

    private async Task<ClerkEmulator> StartEmulatorAsync(ClerkEmulatorOptions options)
    {
        ClerkEmulator emulator = await ClerkEmulator.StartAsync(options);
        SetEnvironment("CLERK_SECRET_KEY", ClerkEmulatorOptions.DefaultSecretKey);
        SetEnvironment("CLERK_API_URL", emulator.BaseUrl);
        return emulator;
    }

    private void SetEnvironment(string name, string? value)
    {
        if (!_savedEnvironment.ContainsKey(name))
        {
            _savedEnvironment[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable(name, value);
    }
}
