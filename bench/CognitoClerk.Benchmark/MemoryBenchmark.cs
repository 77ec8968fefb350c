using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CognitoClerk.Emulators;

namespace CognitoClerk.Benchmark;

/// <summary>
/// Peak memory of Get-CognitoMigrationUser | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser -WhatIf
/// over a pool of N users, optionally with a -JournalPath of M records from an earlier run. The fake Cognito
/// runs in this process; the pipeline runs in a child process whose peak working set (VmHWM) is the figure,
/// so the fake's own memory is not counted.
/// </summary>
internal static class MemoryBenchmark
{
    private const string PoolId = "us-east-1_BenchMem1";

    internal static async Task<MemoryResult> RunAsync(int users, int journalRecords = 0)
    {
        await using FakeCognitoServer cognito = await FakeCognitoServer.StartAsync();
        cognito.AddGeneratedPool(PoolId, users);
        string workFolder = Directory.CreateTempSubdirectory("cognitoclerk-bench-memory").FullName;
        string journalPath = journalRecords > 0 ? Path.Combine(workFolder, "migration.jsonl") : "-";
        if (journalRecords > 0)
        {
            JournalFileWriter.Write(journalPath, PoolId, journalRecords);
        }

        string figures;
        try
        {
            figures = await BenchmarkChild.RunAsync("memory-child", cognito.EndpointUrl, PoolId, journalPath);
        }
        finally
        {
            Directory.Delete(workFolder, recursive: true);
        }

        // "peak <bytes> managed <bytes> seconds <s> wouldcreate <n> results <n> journalopen <s>"
        string[] parts = figures.Split(' ');
        var result = new MemoryResult(
            users,
            long.Parse(parts[1]),
            long.Parse(parts[3]),
            double.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[7]),
            cognito.Counters.PagesServed)
        {
            JournalRecords = journalRecords,
            Results = int.Parse(parts[9]),
            JournalOpenSeconds = double.Parse(parts[11], System.Globalization.CultureInfo.InvariantCulture),
        };
        return result;
    }

    /// <summary>
    /// In the child: import the module, stream the pool through the pipeline, report the peak. The journal's
    /// open time runs from the start of the pipeline to New-ClerkMigratedUser's verbose line about the journal,
    /// which it writes in BeginProcessing right after opening it, before the first user is listed.
    /// </summary>
    internal static int Child(string endpoint, string pool, string journalPath)
    {
        using Runspace runspace = BenchmarkChild.OpenModuleRunspace();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;

        bool withJournal = journalPath != "-";
        var watch = Stopwatch.StartNew();
        ps.AddScript(
            "Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -ListUsersPerSecond 30 | ConvertTo-ClerkCognitoDigest -ClientId 1example23456789 | " +
            (withJournal ? "New-ClerkMigratedUser -WhatIf -JournalPath $journal -Verbose | Out-Null" : "New-ClerkMigratedUser -WhatIf -Verbose | Out-Null"));
        runspace.SessionStateProxy.SetVariable("pool", pool);
        runspace.SessionStateProxy.SetVariable("endpoint", endpoint);
        runspace.SessionStateProxy.SetVariable("journal", journalPath);
        // Verbose lines are few without a journal (one per Cognito page and a summary); with one, each user found
        // in it has a line. Only two matter here, so they are kept aside and the collection is emptied as it fills.
        double journalOpenSeconds = 0;
        string summary = string.Empty;
        ps.Streams.Verbose.DataAdded += (_, e) =>
        {
            string message = ps.Streams.Verbose[e.Index].Message;
            if (journalOpenSeconds == 0 && message.StartsWith("Journal ", StringComparison.Ordinal))
            {
                journalOpenSeconds = watch.Elapsed.TotalSeconds;
            }
            else if (message.Contains(" result(s) in ", StringComparison.Ordinal))
            {
                summary = message;
            }

            if (ps.Streams.Verbose.Count > 1000)
            {
                ps.Streams.Verbose.Clear();
            }
        };
        ps.Invoke();
        watch.Stop();
        if (ps.Streams.Error.Count > 0)
        {
            Console.Error.WriteLine(string.Join("\n", ps.Streams.Error.Take(5)));
            return 3;
        }

        int wouldCreate = CountIn(summary, @"would create (\d+)");
        int results = CountIn(summary, @"^(\d+) result\(s\)");

        Console.WriteLine($"peak {BenchmarkChild.PeakWorkingSet()} managed {GC.GetTotalMemory(forceFullCollection: false)} seconds {watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} wouldcreate {wouldCreate} results {results} journalopen {journalOpenSeconds.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}");
        return 0;
    }

    private static int CountIn(string text, string pattern)
    {
        System.Text.RegularExpressions.Match match = System.Text.RegularExpressions.Regex.Match(text, pattern);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}

internal sealed record MemoryResult(int Users, long PeakWorkingSetBytes, long ManagedBytesAtEnd, double Seconds, int WouldCreate, long PagesServed)
{
    public int JournalRecords { get; init; }

    /// <summary>Results written by the cmdlet (users found finished in the journal, and errors); -WhatIf users are counted in WouldCreate.</summary>
    public int Results { get; init; }

    public double JournalOpenSeconds { get; init; }

    public double PeakMegabytes => PeakWorkingSetBytes / (1024.0 * 1024.0);
}
