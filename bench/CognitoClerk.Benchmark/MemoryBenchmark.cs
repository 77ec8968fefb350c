using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CognitoClerk.Emulators;

namespace CognitoClerk.Benchmark;

/// <summary>
/// Peak memory of Get-CognitoMigrationUser | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser -WhatIf
/// over a pool of N users. The fake Cognito runs in this process; the pipeline runs in a child process
/// whose peak working set (VmHWM) is the figure, so the fake's own memory is not counted.
/// </summary>
internal static class MemoryBenchmark
{
    private const string PoolId = "us-east-1_BenchMem1";

    internal static async Task<MemoryResult> RunAsync(int users)
    {
        await using FakeCognitoServer cognito = await FakeCognitoServer.StartAsync();
        cognito.AddGeneratedPool(PoolId, users);

        string figures = await BenchmarkChild.RunAsync("memory-child", cognito.EndpointUrl, PoolId);

        // "peak <bytes> managed <bytes> seconds <s> wouldcreate <n>"
        string[] parts = figures.Split(' ');
        var result = new MemoryResult(
            users,
            long.Parse(parts[1]),
            long.Parse(parts[3]),
            double.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[7]),
            cognito.Counters.PagesServed);
        return result;
    }

    /// <summary>In the child: import the module, stream the pool through the pipeline, report the peak.</summary>
    internal static int Child(string endpoint, string pool)
    {
        using Runspace runspace = BenchmarkChild.OpenModuleRunspace();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;

        var watch = Stopwatch.StartNew();
        ps.AddScript(
            "Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -ListUsersPerSecond 30 | ConvertTo-ClerkCognitoDigest -ClientId 1example23456789 | " +
            "New-ClerkMigratedUser -WhatIf -Verbose | Out-Null");
        runspace.SessionStateProxy.SetVariable("pool", pool);
        runspace.SessionStateProxy.SetVariable("endpoint", endpoint);

        // Verbose lines are few (one per Cognito page and a summary) and keep nothing per user.
        ps.Invoke();
        watch.Stop();
        if (ps.Streams.Error.Count > 0)
        {
            Console.Error.WriteLine(string.Join("\n", ps.Streams.Error.Take(5)));
            return 3;
        }

        string summary = ps.Streams.Verbose.Select(v => v.Message).LastOrDefault(m => m.Contains("would create", StringComparison.Ordinal)) ?? string.Empty;
        int wouldCreate = int.Parse(System.Text.RegularExpressions.Regex.Match(summary, @"would create (\d+)").Groups[1].Value);

        Console.WriteLine($"peak {BenchmarkChild.PeakWorkingSet()} managed {GC.GetTotalMemory(forceFullCollection: false)} seconds {watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} wouldcreate {wouldCreate}");
        return 0;
    }
}

internal sealed record MemoryResult(int Users, long PeakWorkingSetBytes, long ManagedBytesAtEnd, double Seconds, int WouldCreate, long PagesServed)
{
    public double PeakMegabytes => PeakWorkingSetBytes / (1024.0 * 1024.0);
}
