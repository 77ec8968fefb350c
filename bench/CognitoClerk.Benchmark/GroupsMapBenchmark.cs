using System.Diagnostics;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Benchmark;

/// <summary>
/// What the -IncludeGroups membership map itself costs, without the listing around it: the same pool and groups
/// as <see cref="GroupsMemoryBenchmark"/> (a third of N users in groups), the members added to
/// <see cref="CognitoGroupMembership"/> in the order the reader adds them, and the managed heap measured after a
/// full collection before and after. Seconds, not minutes, at a million users, so a change to the map can be
/// weighed before the whole listing is run.
/// </summary>
internal static class GroupsMapBenchmark
{
    internal static GroupsMapResult Run(int users)
    {
        List<FakeCognitoGroup> groups = GroupsMemoryBenchmark.Groups(users);
        Dictionary<string, FakeCognitoGroup> byName = groups.ToDictionary(g => g.Name);

        long before = Heap();
        var watch = Stopwatch.StartNew();
        var map = new CognitoGroupMembership(groups.Select(g => new CognitoGroup(g.Name, g.Precedence)));
        long memberships = 0;
        for (int groupIndex = 0; groupIndex < map.Groups.Count; groupIndex++)
        {
            foreach (int member in byName[map.Groups[groupIndex].Name].MemberIndices)
            {
                map.Add(groupIndex, FakeCognitoUserSource.GeneratedUsername(member), FakeCognitoUserSource.DeterministicSub(member));
                memberships++;
            }
        }

        watch.Stop();
        long after = Heap();

        // Every user asked once, as the listing does: the answers must be the groups they were put in.
        var lookup = Stopwatch.StartNew();
        int inGroups = 0;
        for (int i = 0; i < users; i++)
        {
            if (map.GroupsOf(FakeCognitoUserSource.GeneratedUsername(i), FakeCognitoUserSource.DeterministicSub(i)).Count > 0)
            {
                inGroups++;
            }
        }

        lookup.Stop();
        GC.KeepAlive(map);
        return new GroupsMapResult(users, map.MemberCount, inGroups, memberships, map.DistinctGroupSets, after - before, watch.Elapsed.TotalSeconds, lookup.Elapsed.TotalSeconds);
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

internal sealed record GroupsMapResult(int Users, int Members, int UsersFoundInGroups, long Memberships, int GroupSets, long Bytes, double BuildSeconds, double LookupSeconds)
{
    public double BytesPerMember => Bytes / (double)Math.Max(1, Members);
}
