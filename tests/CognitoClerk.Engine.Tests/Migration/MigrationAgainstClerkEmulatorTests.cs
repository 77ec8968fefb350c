using System.Diagnostics;
using System.Text.Json;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;
using Xunit;
using static CognitoClerk.Engine.Tests.Migration.RunnerDriver;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>The runner with the real Backend API client against the Clerk emulator: faults, and a killed process.</summary>
public sealed class MigrationAgainstClerkEmulatorTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cognitoclerk-emu-" + Guid.NewGuid().ToString("N"));

    public MigrationAgainstClerkEmulatorTests() => Directory.CreateDirectory(_directory);

    [Fact]
    public async Task Two_thousand_users_with_ten_percent_injected_faults_come_out_once_each_and_are_in_Clerk_once_each()
    {
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions
        {
            EnvironmentType = "production",
            FaultRate = 0.10,
            FaultSeed = 20260512,
            FaultKinds = ClerkFaultKind.All,
            ClientTimeoutHint = TimeSpan.FromSeconds(1),
            InjectedRetryAfterSeconds = 1,
            KeepRequestLog = false,
        });
        using ClerkBackendApi api = Client(emulator, timeout: TimeSpan.FromSeconds(1));
        using var runner = new MigrationRunner(api, new MigrationRunnerOptions { ThrottleLimit = 48 });

        List<MigrationOutcome> outcomes = await Task.Run(() => RunAll(runner, Users(2000)));

        // Every input exactly once in the output, none lost to a fault.
        Assert.Equal(Enumerable.Range(0, 2000), outcomes.Select(o => (int)o.Item.State!).OrderBy(i => i));
        Assert.All(outcomes, o => Assert.Contains(o.Status, new[] { MigrationStatus.Created, MigrationStatus.AlreadyMigrated }));

        // Every user exactly once in Clerk, and each outcome names the user Clerk holds.
        var stored = emulator.Users.ToDictionary(u => u.ExternalId!, u => u.Id);
        Assert.Equal(2000, emulator.Users.Count);
        Assert.Equal(2000, stored.Count);
        Assert.All(outcomes, o => Assert.Equal(stored[o.Item.ExternalId!], o.ClerkUserId));

        // The faults really happened, every kind of them, at about the rate asked for.
        ClerkEmulatorStats stats = emulator.Stats;
        foreach (ClerkFaultKind kind in new[]
                 {
                     ClerkFaultKind.TooManyRequests, ClerkFaultKind.InternalServerError, ClerkFaultKind.BadGateway,
                     ClerkFaultKind.ServiceUnavailable, ClerkFaultKind.DroppedConnection, ClerkFaultKind.Timeout,
                     ClerkFaultKind.StoredThenInternalServerError, ClerkFaultKind.StoredThenDroppedConnection,
                 })
        {
            Assert.True(stats.Injected(kind) > 0, $"No {kind} was injected.");
        }

        Assert.InRange(stats.FaultsInjected / (double)stats.Requests, 0.06, 0.14);

        // A user stored before its answer was lost is AlreadyMigrated, not a duplicate and not a failure.
        // Every injected stored-then-lost create must come out so. On a loaded machine a create can also be
        // stored and then answer later than the 1 s client timeout; its retry finds the user too, so that is
        // AlreadyMigrated as well, and each such case cost the client one transient retry.
        long storedThenLost = stats.Injected(ClerkFaultKind.StoredThenInternalServerError) + stats.Injected(ClerkFaultKind.StoredThenDroppedConnection);
        int alreadyMigrated = outcomes.Count(o => o.Status == MigrationStatus.AlreadyMigrated);
        Assert.InRange(alreadyMigrated, storedThenLost, storedThenLost + api.PacingStatistics.TransientRetries);
    }

    [Fact]
    public async Task A_process_killed_mid_run_and_run_again_with_its_journal_leaves_every_user_in_Clerk_once_and_confirms_journaled_ones_without_resending()
    {
        const int users = 1500;
        await using var emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions
        {
            EnvironmentType = "production",
            Latency = TimeSpan.FromMilliseconds(40),
        });
        string journal = Path.Combine(_directory, "killed.jsonl");

        using (Process first = StartMigrationProcess(emulator, journal, users))
        {
            int seen = 0;
            while (seen < 300)
            {
                string? line = await first.StandardOutput.ReadLineAsync().WaitAsync(Generous);
                Assert.NotNull(line);
                if (line!.StartsWith("outcome ", StringComparison.Ordinal))
                {
                    seen++;
                }
            }

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync().WaitAsync(Generous);
        }

        HashSet<string> journaled = FinishedExternalIds(journal);
        Assert.InRange(journaled.Count, 300, users - 1);
        emulator.ResetStats();

        List<string> lines;
        using (Process second = StartMigrationProcess(emulator, journal, users))
        {
            string output = await second.StandardOutput.ReadToEndAsync().WaitAsync(Generous);
            await second.WaitForExitAsync().WaitAsync(Generous);
            Assert.True(second.ExitCode == 0, await second.StandardError.ReadToEndAsync());
            lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }

        var outcomes = lines.Where(l => l.StartsWith("outcome ", StringComparison.Ordinal))
            .Select(l => l.Split(' '))
            .Select(p => (Index: int.Parse(p[1]), Status: p[2], Source: p[3]))
            .ToList();

        // Zero missing, zero duplicated: every user once in the re-run's output and once in Clerk.
        Assert.Equal(Enumerable.Range(0, users), outcomes.Select(o => o.Index).OrderBy(i => i));
        var stored = emulator.Users.GroupBy(u => u.ExternalId).ToList();
        Assert.Equal(users, stored.Count);
        Assert.All(stored, g => Assert.Single(g));
        Assert.Equal(users, emulator.Users.Count);

        // Journaled users came from the journal, each confirmed by the batched external_id lookup (a claim is
        // not believed unchecked), and none was sent to Clerk again: every create is a user the journal did not claim.
        var fromJournal = outcomes.Where(o => o.Source == "journal").Select(o => $"kill-sub-{o.Index:D6}").ToHashSet();
        Assert.Equal(journaled.OrderBy(x => x), fromJournal.OrderBy(x => x));
        Assert.All(outcomes.Where(o => o.Source == "journal"), o => Assert.Equal("AlreadyMigrated", o.Status));
        IReadOnlyList<ClerkEmulatorRequest> requests = emulator.Requests;
        List<string> lookupQueries = requests.Where(r => r.Method == "GET" && r.Path == "/v1/users").Select(r => Uri.UnescapeDataString(r.Query)).ToList();
        Assert.All(journaled, id => Assert.Contains(lookupQueries, q => q.Contains(id, StringComparison.Ordinal)));

        // Users in flight at the kill had no record: the lookup found them (AlreadyMigrated), nothing was created twice.
        var clerkOutcomes = outcomes.Where(o => o.Source == "clerk").ToList();
        Assert.All(clerkOutcomes, o => Assert.Contains(o.Status, new[] { "Created", "AlreadyMigrated" }));
        Assert.Equal(clerkOutcomes.Count(o => o.Status == "Created"), requests.Count(r => r.Method == "POST" && r.Path == "/v1/users"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static ClerkBackendApi Client(ClerkEmulator emulator, TimeSpan timeout) =>
        ClerkBackendApi.Create(new ClerkConnectionSettings(new ClerkSecretKey(ClerkEmulatorOptions.DefaultSecretKey), emulator.BaseUrl)
        {
            // The emulator limits nothing here; pacing has its own tests and the benchmark.
            RequestsPer10Seconds = 100_000,
            Timeout = timeout,
            RetryBaseDelay = TimeSpan.FromMilliseconds(20),
            RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        });

    private static Process StartMigrationProcess(ClerkEmulator emulator, string journal, int users)
    {
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        string program = Path.Combine(RepositoryPaths.Root, "tests", "CognitoClerk.MigrationProcess", "bin", configuration, "net10.0", "CognitoClerk.MigrationProcess.dll");
        Assert.True(File.Exists(program), $"Build {program} first (it is built with this test project).");

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { program, "--api-url", emulator.BaseUrl, "--journal", journal, "--users", users.ToString(), "--throttle", "16", "--rate", "100000" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["CLERK_SECRET_KEY"] = ClerkEmulatorOptions.DefaultSecretKey;
        return Process.Start(start)!;
    }

    private static HashSet<string> FinishedExternalIds(string journal)
    {
        var finished = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadAllLines(journal))
        {
            try
            {
                using var record = JsonDocument.Parse(line);
                string? status = record.RootElement.GetProperty("status").GetString();
                if (status is "Created" or "AlreadyMigrated")
                {
                    finished.Add(record.RootElement.GetProperty("external_id").GetString()!);
                }
            }
            catch (JsonException)
            {
                // The line the kill tore.
            }
        }

        return finished;
    }
}
