using System.Management.Automation;
using System.Text;
using CognitoClerk.Emulators;
using Xunit;
using Xunit.Abstractions;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// New-ClerkMigratedUser where issue 9 found it claiming, looping or unhelpful: a rehearsal journal reused against
/// production, input without external_id, a publishable key, Retry-After waits, journal errors and damage.
/// </summary>
public sealed class HostileClerkCmdletTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const string DigestFunction = @"
function New-TestDigest([int] $i, [switch] $NoExternalId) {
    $d = [CognitoClerk.ClerkCognitoDigest]::new()
    $d.password_digest = ""awscognito#us-east-1_TEST#client123#user$i""
    if (-not $NoExternalId) { $d.external_id = ""sub-$i"" }
    $d.email_address = @(""user$i@example.com"")
    $d.private_metadata = @{ cognito = @{ username = ""user$i""; user_pool_id = 'us-east-1_TEST' } }
    $d
}
";

    private readonly Dictionary<string, string?> _savedEnvironment = new();
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cognitoclerk-hcc-" + Guid.NewGuid().ToString("N"))).FullName;
    private ModuleHost _host = null!;

    private string JournalPath => Path.Combine(_directory, "migration.jsonl");

    public Task InitializeAsync()
    {
        _host = new ModuleHost();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
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

        return Task.CompletedTask;
    }

    private void Target(ClerkEmulator clerk, string? key = null)
    {
        SetEnvironment("CLERK_SECRET_KEY", key ?? clerk.Options.SecretKey);
        SetEnvironment("CLERK_API_URL", clerk.BaseUrl);
    }

    private void SetEnvironment(string name, string? value)
    {
        if (!_savedEnvironment.ContainsKey(name))
        {
            _savedEnvironment[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable(name, value);
    }

    private ScriptRun Migrate(int users, string extra = "") =>
        _host.Run(DigestFunction + $"1..{users} | ForEach-Object {{ New-TestDigest $_ }} | New-ClerkMigratedUser -JournalPath $journal -Confirm:$false {extra}",
            new Dictionary<string, object?> { ["journal"] = JournalPath });

    private static ErrorRecord Terminating(ScriptRun run) =>
        run.Terminating is IContainsErrorRecord terminating ? terminating.ErrorRecord : Assert.Single(run.Errors);

    [Fact]
    public async Task A_rehearsal_journal_reused_against_production_migrates_everyone_there_and_says_why()
    {
        const int users = 30;
        await using ClerkEmulator rehearsal = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { InstanceId = "ins_rehearsal" });
        await using ClerkEmulator production = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { InstanceId = "ins_production", EnvironmentType = "production" });
        Target(rehearsal);
        Assert.All(Migrate(users).Output, o => Assert.Equal("Created", o.Properties["Status"].Value.ToString()));

        Target(production);
        ScriptRun run = Migrate(users);

        log.WriteLine($"Production after the rehearsal's journal: {production.Stats.Requests} requests, {production.Users.Count} users held, " +
            $"{run.Output.Count(o => o.Properties["Status"].Value.ToString() == "Created")} Created, {run.Output.Count(o => (bool)o.Properties["FromJournal"].Value)} FromJournal.");
        Assert.Null(run.Terminating);
        Assert.All(run.Output, o => Assert.Equal("Created", o.Properties["Status"].Value.ToString()));
        Assert.All(run.Output, o => Assert.False((bool)o.Properties["FromJournal"].Value));
        Assert.Equal(users, production.Users.Count);
        string warning = Assert.Single(run.Warnings, w => w.Contains("another Clerk instance"));
        Assert.Contains($"{users} record(s)", warning);
        Assert.Contains("ins_rehearsal", warning);
        Assert.Contains("ins_production", warning);

        // Against the same instance again, the journal's claims are confirmed with one lookup and nothing is created.
        ScriptRun again = Migrate(users);
        Assert.All(again.Output, o =>
        {
            Assert.Equal("AlreadyMigrated", o.Properties["Status"].Value.ToString());
            Assert.True((bool)o.Properties["FromJournal"].Value);
        });
        Assert.Equal(users, production.Users.Count);
    }

    [Fact]
    public async Task Input_without_external_id_is_a_per_user_error_and_nothing_is_created()
    {
        await using ClerkEmulator clerk = await ClerkEmulator.StartAsync();
        Target(clerk);

        ScriptRun run = _host.Run(DigestFunction + "1..5 | ForEach-Object { New-TestDigest $_ -NoExternalId } | New-ClerkMigratedUser -Confirm:$false");

        Assert.Null(run.Terminating);
        Assert.Equal(5, run.Errors.Count);
        Assert.All(run.Errors, e => Assert.StartsWith("ClerkExternalIdMissing,", e.FullyQualifiedErrorId));
        Assert.All(run.Errors, e => Assert.Contains("ConvertTo-ClerkCognitoDigest", e.Exception.Message));
        Assert.All(run.Output, o => Assert.Equal("Skipped", o.Properties["Status"].Value.ToString()));
        Assert.Equal(0, clerk.Stats.Creates);
        Assert.Empty(clerk.Users);
    }

    [Fact]
    public async Task A_publishable_key_is_refused_before_Clerk_is_asked()
    {
        await using ClerkEmulator clerk = await ClerkEmulator.StartAsync();
        Target(clerk, "pk_" + "test_Y2xlcmsuZXhhbXBsZS5jb20k");

        ScriptRun run = _host.Run(DigestFunction + "New-TestDigest 1 | New-ClerkMigratedUser -Confirm:$false");

        ErrorRecord error = Terminating(run);
        Assert.StartsWith("ClerkSecretKeyInvalid,", error.FullyQualifiedErrorId);
        Assert.Contains("publishable", error.ErrorDetails.Message);
        Assert.Contains("sk_live_", error.ErrorDetails.RecommendedAction);
        Assert.Equal(0, clerk.Stats.Requests);
    }

    [Fact]
    public async Task Every_Retry_After_wait_is_said_on_the_verbose_stream()
    {
        await using ClerkEmulator clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { InjectedRetryAfterSeconds = 1 });
        Target(clerk);
        clerk.EnqueueFault(ClerkFaultKind.TooManyRequests, 2);

        ScriptRun run = _host.Run(DigestFunction + "1..3 | ForEach-Object { New-TestDigest $_ } | New-ClerkMigratedUser -Confirm:$false -Verbose");

        Assert.Null(run.Terminating);
        Assert.Equal(3, clerk.Users.Count);
        Assert.Contains(run.Verbose, v => v.Contains("429 Too Many Requests") && v.Contains("waiting 1 s"));
    }

    [Fact]
    public async Task A_journal_in_a_missing_folder_says_so_not_that_another_run_holds_it()
    {
        await using ClerkEmulator clerk = await ClerkEmulator.StartAsync();
        Target(clerk);

        ScriptRun run = _host.Run(DigestFunction + "New-TestDigest 1 | New-ClerkMigratedUser -JournalPath $journal -Confirm:$false",
            new Dictionary<string, object?> { ["journal"] = Path.Combine(_directory, "missing", "migration.jsonl") });

        ErrorRecord error = Terminating(run);
        Assert.StartsWith("ClerkJournalUnavailable,", error.FullyQualifiedErrorId);
        Assert.Contains("does not exist", error.Exception.Message);
        Assert.DoesNotContain("in use", error.Exception.Message);
    }

    [Fact]
    public async Task Damaged_lines_in_the_middle_of_a_journal_are_a_warning_not_only_verbose()
    {
        await using ClerkEmulator clerk = await ClerkEmulator.StartAsync();
        Target(clerk);
        File.WriteAllText(JournalPath,
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-1\",\"status\":\"Created\"}\n###edited by hand###\n" +
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-2\",\"status\":\"Created\"}\n",
            new UTF8Encoding(false));

        ScriptRun run = Migrate(2);

        string warning = Assert.Single(run.Warnings, w => w.Contains("unreadable line"));
        Assert.Contains("line 2", warning);

        // Neither claim is in Clerk: both users are created, and the run says the journal was wrong about them.
        Assert.Equal(2, clerk.Users.Count);
        Assert.Contains(run.Warnings, w => w.Contains("2 user(s) the journal called finished were not in this Clerk instance"));
    }
}
