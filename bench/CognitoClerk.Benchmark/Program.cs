using System.Globalization;
using System.Runtime.InteropServices;
using CognitoClerk.Benchmark;

// dotnet run -c Release --project bench/CognitoClerk.Benchmark [-- all | throughput | memory | groups | journal | status] [--seconds 60] [--row production-default] [--users 10000,100000]
//   memory  --users 10000,100000                 the streaming pipeline under -WhatIf
//   journal --users 1,1000000 --records 1000000   the same with a -JournalPath of that many finished users
//   status: [--users 100000] [--paced | --production]
//   groups-map [--users 100000,1000000]          the -IncludeGroups membership map alone, in-process
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args.Length > 0 && args[0] == "memory-child")
{
    return MemoryBenchmark.Child(args[1], args[2], args[3]);
}

if (args.Length > 0 && args[0] == "status-child")
{
    return StatusBenchmark.Child(args[1], args[2], args[3], args[4], args[5]);
}

if (args.Length > 0 && args[0] == "groups-child")
{
    return GroupsMemoryBenchmark.Child(args[1], args[2], args[3] == "with");
}

string mode = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
int seconds = args.SkipWhile(a => a != "--seconds").Skip(1).Select(int.Parse).FirstOrDefault(60);
string? row = args.SkipWhile(a => a != "--row").Skip(1).FirstOrDefault();
int[] memorySizes = Sizes("--users") ?? (mode == "journal" ? new[] { 1, 1_000_000 } : new[] { 10_000, 100_000, 200_000 });
int[] journalSizes = Sizes("--records") ?? new[] { 1_000_000 };

Console.WriteLine($"# CognitoClerk benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine($"Machine: {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.ProcessArchitecture}");
Console.WriteLine();

if (mode is "all" or "throughput")
{
    await ThroughputBenchmark.RunAllAsync(seconds, row);
}

if (mode is "all" or "memory")
{
    Console.WriteLine("## Peak memory: Get-CognitoMigrationUser | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser -WhatIf");
    Console.WriteLine();
    Console.WriteLine("| users | peak working set (MB) | managed heap at end (MB) | time (s) | users reaching ShouldProcess |");
    Console.WriteLine("|---:|---:|---:|---:|---:|");
    var results = new List<MemoryResult>();
    foreach (int users in memorySizes)
    {
        MemoryResult result = await MemoryBenchmark.RunAsync(users);
        results.Add(result);
        Console.WriteLine($"| {users:N0} | {result.PeakMegabytes:0.0} | {result.ManagedBytesAtEnd / 1048576.0:0.0} | {result.Seconds:0.0} | {result.WouldCreate:N0} |");
    }

    Console.WriteLine();
    foreach (MemoryResult larger in results.Skip(1))
    {
        Console.WriteLine($"{larger.Users:N0} vs {results[0].Users:N0}: {100.0 * (larger.PeakMegabytes / results[0].PeakMegabytes - 1):+0.0;-0.0}% (goal for 100,000: under 200 MB and at most +10%)");
    }
}

if (mode is "status")
{
    // Not part of "all": the status row is its own question (issue 13), and --paced takes minutes.
    StatusPace pace = args.Contains("--production") ? StatusPace.Production : args.Contains("--paced") ? StatusPace.Development : StatusPace.Unpaced;
    int[] statusSizes = args.Contains("--users") ? memorySizes : new[] { 100_000 };
    Console.WriteLine("## A status run: Get-ClerkMigrationStatus -Summary over the whole pool" + pace switch
    {
        StatusPace.Development => ", every default (a development instance's limit, ListUsers at 5 a second)",
        StatusPace.Production => ", a production instance's limit for real (1,000 requests per 10 s), ListUsers at 30 a second",
        _ => string.Empty,
    });
    Console.WriteLine();
    Console.WriteLine("| Cognito users | in Clerk | deleted in Cognito | Clerk requests | Cognito pages | s of Clerk requests at the development limit (100 req/10 s) | at the production limit (1,000 req/10 s) | s of ListUsers at the default pace (5/s) | measured (s) | peak working set (MB) | managed heap at end (MB) | busiest 10 s (requests) | 429s |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (int users in statusSizes)
    {
        StatusResult result = await StatusBenchmark.RunAsync(users, pace);
        Console.WriteLine($"| {result.Users:N0} | {result.Migrated + result.DeletedInCognito:N0} | {result.DeletedInCognito:N0} | {result.ClerkRequests:N0} | {result.CognitoPages:N0} | " +
            $"{result.SecondsAtDevelopmentLimit:0} | {result.SecondsAtProductionLimit:0} | {result.SecondsAtDefaultListingPace:0} | {result.Seconds:0.0} | {result.PeakMegabytes:0.0} | {result.ManagedBytesAtEnd / 1048576.0:0.0} | {result.MaxRequestsInAnyWindow:N0} | {result.TooManyRequests:N0} |");
        Console.WriteLine();
        Console.WriteLine("States: " + string.Join(", ", result.States.Select(s => $"{s.Key} {s.Value:N0}")) +
            $" (expected: AwaitingFirstSignIn {result.Migrated:N0}, NotMigrated {result.Users - result.Migrated:N0}, DeletedInCognito {result.DeletedInCognito:N0}); " +
            $"Clerk seeded in {result.SeedingSeconds:0.0} s without HTTP.");
    }
}

if (mode is "all" or "groups")
{
    int[] groupSizes = args.Contains("--users") ? memorySizes : new[] { 100_000 };
    Console.WriteLine("## Memory of Get-CognitoMigrationUser -IncludeGroups (a third of the users in groups; 23 groups)");
    Console.WriteLine();
    Console.WriteLine("| users | -IncludeGroups | users in groups | memberships | group calls | managed heap at the first user (MB) | peak working set (MB) | time (s) |");
    Console.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|");
    var notes = new List<string>();
    foreach (int users in groupSizes)
    {
        GroupsMemoryResult without = await GroupsMemoryBenchmark.RunAsync(users, includeGroups: false);
        GroupsMemoryResult with = await GroupsMemoryBenchmark.RunAsync(users, includeGroups: true);
        foreach (GroupsMemoryResult r in new[] { without, with })
        {
            Console.WriteLine($"| {r.Users:N0} | {(r.IncludeGroups ? "yes" : "no")} | {r.UsersInGroups:N0} | {(r.IncludeGroups ? r.Memberships.ToString("N0") : "-")} | {r.GroupCalls:N0} | {r.HeapMegabytes:0.0} | {r.PeakMegabytes:0.0} | {r.Seconds:0.0} |");
        }

        double extra = with.HeapAtFirstUserBytes - without.HeapAtFirstUserBytes;
        notes.Add($"{users:N0} users: -IncludeGroups keeps {extra / 1048576.0:0.0} MB more managed heap ({extra / Math.Max(1, with.UsersInGroups):0} bytes per user in a group); peak working set {with.PeakMegabytes - without.PeakMegabytes:+0.0;-0.0} MB.");
    }

    Console.WriteLine();
    notes.ForEach(Console.WriteLine);
    Console.WriteLine();
}

if (mode is "groups-map")
{
    int[] mapSizes = args.Contains("--users") ? memorySizes : new[] { 100_000, 1_000_000 };
    Console.WriteLine("## The -IncludeGroups membership map alone (in-process; a third of the users in groups; 23 groups)");
    Console.WriteLine();
    Console.WriteLine("| users | users in groups | memberships | group sets | map (MB) | bytes per user in a group | build (s) | every user asked (s) |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
    foreach (int users in mapSizes)
    {
        GroupsMapResult r = GroupsMapBenchmark.Run(users);
        Console.WriteLine($"| {r.Users:N0} | {r.Members:N0} | {r.Memberships:N0} | {r.GroupSets:N0} | {r.Bytes / 1048576.0:0.0} | {r.BytesPerMember:0.0} | {r.BuildSeconds:0.00} | {r.LookupSeconds:0.00} |");
        if (r.UsersFoundInGroups != r.Members)
        {
            Console.WriteLine($"WRONG: {r.UsersFoundInGroups:N0} users found in groups, {r.Members:N0} added.");
            return 4;
        }
    }

    Console.WriteLine();
}

if (mode is "journal")
{
    Console.WriteLine("## A journal of finished users: Get-CognitoMigrationUser | ConvertTo-ClerkCognitoDigest | New-ClerkMigratedUser -WhatIf -JournalPath");
    Console.WriteLine();
    Console.WriteLine("| users listed | journal records | peak working set (MB) | journal open (s) | whole run (s) | results (from the journal) | users reaching ShouldProcess |");
    Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
    foreach (int records in journalSizes)
    {
        foreach (int users in memorySizes)
        {
            MemoryResult result = await MemoryBenchmark.RunAsync(users, records);
            Console.WriteLine($"| {users:N0} | {records:N0} | {result.PeakMegabytes:0.0} | {result.JournalOpenSeconds:0.00} | {result.Seconds:0.0} | {result.Results:N0} | {result.WouldCreate:N0} |");
        }
    }

    Console.WriteLine();
    Console.WriteLine("Goals: peak working set under 250 MB for 1,000,000 users, and a 1,000,000-record journal open in under 5 s.");
}

return 0;

int[]? Sizes(string option) =>
    args.SkipWhile(a => a != option).Skip(1).Select(v => v.Split(',').Select(int.Parse).ToArray()).FirstOrDefault();
