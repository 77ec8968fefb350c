using System.Management.Automation;
using CognitoClerk.Emulators;
using CognitoClerk.Hosting;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Remove-ClerkMigratedUser against the Clerk emulator alone: confirmation (ConfirmImpact High), setup errors,
/// what pipeline input counts as a candidate, and the journal written by a removal.
/// </summary>
public sealed class RemoveClerkMigratedUserTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cognitoclerk-remove-").FullName;
    private ClerkEmulator _clerk = null!;
    private EnvironmentScope _environment = null!;

    private string JournalPath => Path.Combine(_directory, "migration.jsonl");

    public async Task InitializeAsync()
    {
        _clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions
        {
            SecretKey = "sk_" + "test_remove" + Guid.NewGuid().ToString("N"),
            EnvironmentType = "production",
            InstanceId = "ins_remove_tests",
        });
        _environment = EnvironmentScope.IsolatedAws().Set("CLERK_SECRET_KEY", _clerk.Options.SecretKey).Set("CLERK_API_URL", _clerk.BaseUrl);
    }

    public async Task DisposeAsync()
    {
        _environment.Dispose();
        await _clerk.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_cmdlet_writes_with_ShouldProcess_at_ConfirmImpact_High()
    {
        using var host = new ModuleHost();

        var attribute = (CmdletAttribute)Attribute.GetCustomAttribute(
            (Type)host.Invoke("(Get-Command Remove-ClerkMigratedUser).ImplementingType").Single().BaseObject, typeof(CmdletAttribute))!;

        Assert.True(attribute.SupportsShouldProcess);
        Assert.Equal(ConfirmImpact.High, attribute.ConfirmImpact);
    }

    [Fact]
    public void Each_user_is_confirmed_by_name_and_answering_No_removes_nobody()
    {
        Migrate(4);
        var recorder = new RecordingHost(answerChoice: _ => 2);
        using var host = new ModuleHost(recorder);

        ScriptRun run = host.Run("Remove-ClerkMigratedUser -JournalPath $journal", Journal());

        Assert.Null(run.Terminating);
        Assert.Equal(4, recorder.Prompts.Count);
        Assert.All(recorder.Prompts, p => Assert.Matches(@"Clerk user user_\w+ \(Cognito user 'user\d', external_id sub-\d\)", p));
        Assert.Empty(run.Output);
        Assert.Equal(4, _clerk.Users.Count);
        Assert.DoesNotContain(_clerk.Requests, r => r.Method == "DELETE");
        Assert.DoesNotContain("\"operation\"", File.ReadAllText(JournalPath), StringComparison.Ordinal);
    }

    [Fact]
    public void Yes_to_all_removes_every_user_once_asked_and_records_each_removal()
    {
        Migrate(3);
        var recorder = new RecordingHost(answerChoice: _ => 1);
        using var host = new ModuleHost(recorder);

        ScriptRun run = host.Run("Remove-ClerkMigratedUser -JournalPath $journal", Journal());

        Assert.Null(run.Terminating);
        Assert.Single(recorder.Prompts);
        Assert.Equal(3, run.Output.Count(o => o.Properties["Status"].Value.ToString() == "Removed"));
        Assert.Empty(_clerk.Users);
        string[] removals = File.ReadAllLines(JournalPath).Where(l => l.Contains("\"operation\":\"remove\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, removals.Length);
        Assert.All(removals, l => Assert.Contains("\"status\":\"Removed\"", l, StringComparison.Ordinal));
        Assert.All(removals, l => Assert.Contains("\"instance_id\":\"ins_remove_tests\"", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_journal_or_input_there_is_nothing_to_remove_and_it_says_so_once()
    {
        using var host = new ModuleHost();

        ErrorRecord error = Caught(host.Run("try { Remove-ClerkMigratedUser -Confirm:$false } catch { [pscustomobject]@{ Caught = $_ } }"));

        Assert.Equal("ClerkRemovalInputMissing", ErrorId(error));
        Assert.Equal(0, _clerk.Stats.Requests);
    }

    [Fact]
    public void A_journal_that_does_not_exist_is_one_terminating_error_and_no_call()
    {
        using var host = new ModuleHost();

        ErrorRecord error = Caught(host.Run("try { Remove-ClerkMigratedUser -JournalPath $journal -Confirm:$false } catch { [pscustomobject]@{ Caught = $_ } }", Journal()));

        Assert.Equal("ClerkJournalUnavailable", ErrorId(error));
        Assert.False(File.Exists(JournalPath));
        Assert.Equal(0, _clerk.Stats.Requests);
    }

    [Fact]
    public void Without_a_key_it_stops_once_before_any_user()
    {
        Migrate(2);
        using EnvironmentScope noKey = EnvironmentScope.IsolatedAws().Set("CLERK_SECRET_KEY", null);
        using var host = new ModuleHost();
        _clerk.ResetStats();

        ErrorRecord error = Caught(host.Run("try { Remove-ClerkMigratedUser -JournalPath $journal -Confirm:$false } catch { [pscustomobject]@{ Caught = $_ } }", Journal()));

        Assert.Equal("ClerkSecretKeyMissing", ErrorId(error));
        Assert.Equal(0, _clerk.Stats.Requests);
        Assert.Equal(2, _clerk.Users.Count);
    }

    [Fact]
    public void Only_Created_results_are_candidates_and_objects_that_are_no_result_are_errors()
    {
        Migrate(2);
        using var host = new ModuleHost();
        string created = _clerk.Users.Single(u => u.ExternalId == "sub-0").Id;
        string other = _clerk.Users.Single(u => u.ExternalId == "sub-1").Id;

        ScriptRun run = host.Run(
            """
            [pscustomobject]@{ Status = 'Created'; ClerkUserId = $created; ExternalId = 'sub-0'; CognitoUsername = 'user0' },
            [pscustomobject]@{ Status = 'AlreadyMigrated'; ClerkUserId = $other; ExternalId = 'sub-1'; CognitoUsername = 'user1' },
            [pscustomobject]@{ Status = 'Skipped'; CognitoUsername = 'user9' },
            [pscustomobject]@{ Status = 'Created'; CognitoUsername = 'noid' },
            [pscustomobject]@{ Name = 'not a result' },
            [pscustomobject]@{ Status = 'Created'; ClerkUserId = $created; ExternalId = 'sub-0'; CognitoUsername = 'user0' } |
                Remove-ClerkMigratedUser -Confirm:$false -Verbose
            """,
            new Dictionary<string, object?> { ["created"] = created, ["other"] = other });

        Assert.Null(run.Terminating);
        // Results in completion order: a user not created by the module is known at once, candidates after their batch.
        Assert.Equal(new[] { ("Kept", "user1"), ("Removed", "user0") }, run.Output.Select(o => (o.Properties["Status"].Value.ToString()!, (string)o.Properties["CognitoUsername"].Value)));
        Assert.Equal("ClerkUserNotCreatedByModule", run.Output[0].Properties["ErrorCode"].Value);
        Assert.Equal(new[] { "ClerkUserIdMissing", "InputNotMigrationResult" }, run.Errors.Select(ErrorId));
        Assert.Equal(other, Assert.Single(_clerk.Users).Id);
        Assert.Single(_clerk.Requests, r => r.Method == "DELETE");
        Assert.Contains(run.Verbose, v => v.Contains("given twice", StringComparison.Ordinal));
    }

    /// <summary>Creates users through New-ClerkMigratedUser with the journal, as a real run would.</summary>
    private void Migrate(int count)
    {
        using var host = new ModuleHost();
        ScriptRun run = host.Run(
            """
            0..($count - 1) | ForEach-Object {
                $d = [CognitoClerk.ClerkCognitoDigest]::new()
                $d.external_id = "sub-$_"
                $d.email_address = @("user$_@example.com")
                $d.password_digest = "awscognito#us-east-1_Remove01#1example23456789#user$_"
                $d.private_metadata = @{ cognito = @{ username = "user$_"; user_pool_id = 'us-east-1_Remove01' } }
                $d
            } | New-ClerkMigratedUser -JournalPath $journal
            """,
            new Dictionary<string, object?> { ["count"] = count, ["journal"] = JournalPath });
        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(count, _clerk.Users.Count);
    }

    private Dictionary<string, object?> Journal() => new() { ["journal"] = JournalPath };

    private static ErrorRecord Caught(ScriptRun run)
    {
        Assert.Null(run.Terminating);
        PSObject caught = Assert.Single(run.Output);
        return Assert.IsType<ErrorRecord>(PSObject.AsPSObject(caught.Properties["Caught"]?.Value).BaseObject);
    }

    private static string ErrorId(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];
}
