using CognitoClerk.Emulators;
using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>Reading a pool's groups from <see cref="FakeCognitoServer"/>: paging, retries, and never one call per user.</summary>
public sealed class CognitoGroupsAgainstFakeTests : IAsyncLifetime
{
    private const string PoolId = "us-east-1_GroupPool1";
    private FakeCognitoServer _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeCognitoServer.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Every_membership_is_read_over_short_and_empty_pages_with_one_call_per_page()
    {
        const int users = 1000;
        FakeCognitoPool pool = _fake.AddGeneratedPool(PoolId, users);
        pool.Groups.Add(FakeCognitoGroup.Strided("readers", null, users, every: 3));
        pool.Groups.Add(FakeCognitoGroup.Strided("admins", 1, users, every: 50, first: 7));
        pool.Groups.Add(FakeCognitoGroup.Strided("editors", 5, users, every: 10, first: 1));

        // 70 more empty groups: ListGroups itself takes two pages.
        for (int i = 0; i < 70; i++)
        {
            pool.Groups.Add(new FakeCognitoGroup($"team-{i:D2}", 100 + i, Array.Empty<int>()));
        }

        int[] sizes = { 60, 13, 0, 60, 1 };
        _fake.PageSizes = page => sizes[page % sizes.Length];
        using var client = FakeCognitoClients.Create(_fake, PoolId);

        CognitoGroupMembership membership = await new CognitoGroupMembershipReader(client, PoolId).ReadAllAsync(default);

        Assert.Equal(73, membership.Groups.Count);
        Assert.Equal(new[] { "admins", "editors" }, membership.Groups.Take(2).Select(g => g.Name));
        Assert.Equal("readers", membership.Groups.Last().Name);
        for (int i = 0; i < users; i++)
        {
            FakeCognitoUser user = FakeCognitoUserSource.GeneratedUser(i);
            var expected = new List<string>();
            if (i % 50 == 7) expected.Add("admins");
            if (i % 10 == 1) expected.Add("editors");
            if (i % 3 == 0) expected.Add("readers");
            Assert.Equal(expected, membership.GroupsOf(user.Username, user.GetAttribute("sub")));
        }

        int readers = (users + 2) / 3, admins = 20, editors = 100;
        Assert.Equal(readers + admins + editors, membership.MembershipCount);

        // Never one call per user: one call per page of groups or members.
        Assert.Equal(2, _fake.Counters.Calls("ListGroups"));
        Assert.True(_fake.Counters.Calls("ListUsersInGroup") < 73 + (readers + admins + editors) / 20,
            $"{_fake.Counters.Calls("ListUsersInGroup")} ListUsersInGroup calls");
        Assert.Equal(0, _fake.Counters.Calls("AdminListGroupsForUser"));
        Assert.Equal(0, _fake.Counters.Calls("ListUsers"));
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_without_losing_a_member()
    {
        const int users = 300;
        FakeCognitoPool pool = _fake.AddGeneratedPool(PoolId, users);
        pool.Groups.Add(FakeCognitoGroup.Strided("all", 1, users, every: 1));
        _fake.PageSizes = _ => 25;
        using var client = FakeCognitoClients.Create(_fake, PoolId, maxRetries: 6);
        _fake.InjectFaults("ListGroups", FakeCognitoFault.Throttle());
        _fake.InjectFaults("ListUsersInGroup",
            FakeCognitoFault.Throttle(), FakeCognitoFault.RateExceeded(), FakeCognitoFault.InternalError(), FakeCognitoFault.DropConnection());

        CognitoGroupMembership membership = await new CognitoGroupMembershipReader(client, PoolId).ReadAllAsync(default);

        Assert.Equal(users, membership.MemberCount);
        Assert.Equal(5, _fake.Counters.Faults);
    }

    [Fact]
    public async Task A_group_deleted_while_reading_is_nobody_s_group_and_the_rest_are_read()
    {
        const int users = 10;
        FakeCognitoPool pool = _fake.AddGeneratedPool(PoolId, users);
        pool.Groups.Add(FakeCognitoGroup.Strided("a", 1, users, every: 1));
        pool.Groups.Add(FakeCognitoGroup.Strided("b", 2, users, every: 2));
        using var client = FakeCognitoClients.Create(_fake, PoolId);
        var reader = new CognitoGroupMembershipReader(client, PoolId);

        Assert.True(await reader.ReadNextPageAsync(default));
        pool.Groups.RemoveAt(0);
        while (await reader.ReadNextPageAsync(default))
        {
        }

        Assert.Equal(new[] { "a" }, reader.VanishedGroups);
        FakeCognitoUser first = FakeCognitoUserSource.GeneratedUser(0);
        Assert.Equal(new[] { "b" }, reader.Membership!.GroupsOf(first.Username, first.GetAttribute("sub")));
    }

    [Fact]
    public async Task A_missing_pool_fails_at_ListGroups_as_a_missing_pool()
    {
        using var client = FakeCognitoClients.Create(_fake, PoolId);

        var error = await Assert.ThrowsAsync<CognitoServiceException>(() => new CognitoGroupMembershipReader(client, PoolId).ReadAllAsync(default));

        Assert.True(error.IsResourceNotFound);
        Assert.Equal("ListGroups", error.Operation);
    }
}
