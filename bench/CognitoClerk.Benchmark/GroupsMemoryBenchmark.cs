using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CognitoClerk.Emulators;

namespace CognitoClerk.Benchmark;

/// <summary>
/// What Get-CognitoMigrationUser -IncludeGroups costs in memory over a pool of N users, a third of them in groups:
/// the same listing with and without -IncludeGroups, each in its own child process (hosted PowerShell, the built
/// module), against the paging fake Cognito in this process. Two figures per run: the managed heap, after a full
/// collection, when the first user reaches the pipeline (the membership map is complete and alive then, and nothing
/// else per user is), and the child's peak working set over the whole listing.
/// </summary>
internal static class GroupsMemoryBenchmark
{
    private const string PoolId = "us-east-1_BenchGrp1";

    /// <summary>
    /// Users 2, 5, 8, ... (a third) are members; admins, editors and twenty teams are subsets of them, so members
    /// fall into some dozens of different combinations, as real pools with roles and teams do.
    /// </summary>
    internal static FakeCognitoPool AddPool(FakeCognitoServer cognito, int users)
    {
        FakeCognitoPool pool = cognito.AddGeneratedPool(PoolId, users);
        pool.Groups.AddRange(Groups(users));
        return pool;
    }

    /// <summary>The groups of a pool of <paramref name="users"/> generated users.</summary>
    internal static List<FakeCognitoGroup> Groups(int users)
    {
        var groups = new List<FakeCognitoGroup>
        {
            FakeCognitoGroup.Strided("members", null, users, every: 3, first: 2),
            FakeCognitoGroup.Strided("admins", 1, users, every: 30, first: 2),
            FakeCognitoGroup.Strided("editors", 5, users, every: 9, first: 2),
        };
        for (int k = 0; k < 20; k++)
        {
            groups.Add(FakeCognitoGroup.Strided($"team-{k:D2}", 100 + k, users, every: 60, first: 2 + (3 * k)));
        }

        return groups;
    }

    internal static async Task<GroupsMemoryResult> RunAsync(int users, bool includeGroups)
    {
        await using FakeCognitoServer cognito = await FakeCognitoServer.StartAsync();
        FakeCognitoPool pool = AddPool(cognito, users);
        long memberships = pool.Groups.Sum(g => (long)g.MemberIndices.Count);

        string figures = await BenchmarkChild.RunAsync("groups-child", cognito.EndpointUrl, PoolId, includeGroups ? "with" : "without");

        // "peak <bytes> first <bytes> seconds <s> users <n> ingroups <n>"
        string[] parts = figures.Split(' ');
        return new GroupsMemoryResult(
            users,
            includeGroups,
            long.Parse(parts[1]),
            long.Parse(parts[3]),
            double.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(parts[7]),
            int.Parse(parts[9]),
            memberships,
            cognito.Counters.Calls("ListGroups") + cognito.Counters.Calls("ListUsersInGroup"));
    }

    /// <summary>In the child: list the pool through the module, take the heap at the first user, report.</summary>
    internal static int Child(string endpoint, string pool, bool includeGroups)
    {
        using Runspace runspace = BenchmarkChild.OpenModuleRunspace();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;

        long heapAtFirstUser = 0;
        Action probe = () =>
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            heapAtFirstUser = GC.GetTotalMemory(forceFullCollection: true);
        };
        runspace.SessionStateProxy.SetVariable("probe", probe);
        runspace.SessionStateProxy.SetVariable("pool", pool);
        runspace.SessionStateProxy.SetVariable("endpoint", endpoint);
        runspace.SessionStateProxy.SetVariable("groups", includeGroups);

        // Counts only: nothing per user is kept by the script.
        ps.AddScript(
            "$n = 0; $inGroups = 0; Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -ListUsersPerSecond 30 -IncludeGroups:$groups | " +
            "ForEach-Object { if ($n -eq 0) { $probe.Invoke() }; $n++; if ($_.Groups.Count -gt 0) { $inGroups++ } }; \"$n $inGroups\"");
        var watch = Stopwatch.StartNew();
        string[] counts = ps.Invoke().Single().ToString().Split(' ');
        watch.Stop();
        if (ps.Streams.Error.Count > 0)
        {
            Console.Error.WriteLine(string.Join("\n", ps.Streams.Error.Take(5)));
            return 3;
        }

        Console.WriteLine($"peak {BenchmarkChild.PeakWorkingSet()} first {heapAtFirstUser} seconds {watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} users {counts[0]} ingroups {counts[1]}");
        return 0;
    }
}

internal sealed record GroupsMemoryResult(
    int Users, bool IncludeGroups, long PeakWorkingSetBytes, long HeapAtFirstUserBytes, double Seconds, int UsersListed, int UsersInGroups, long Memberships, int GroupCalls)
{
    public double PeakMegabytes => PeakWorkingSetBytes / (1024.0 * 1024.0);

    public double HeapMegabytes => HeapAtFirstUserBytes / (1024.0 * 1024.0);
}
