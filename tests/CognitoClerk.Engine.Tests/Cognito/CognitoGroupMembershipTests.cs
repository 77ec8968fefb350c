using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>The compact membership map: order, sharing, the username fallback, and what it refuses.</summary>
public sealed class CognitoGroupMembershipTests
{
    private static readonly string SubA = Guid.NewGuid().ToString();
    private static readonly string SubB = Guid.NewGuid().ToString();
    private static readonly string SubC = Guid.NewGuid().ToString();

    [Fact]
    public void Groups_are_ordered_by_precedence_then_name_with_groups_without_precedence_last()
    {
        var membership = new CognitoGroupMembership(new[]
        {
            new CognitoGroup("readers", null), new CognitoGroup("editors", 10), new CognitoGroup("admins", 1),
            new CognitoGroup("auditors", null), new CognitoGroup("billing", 10), new CognitoGroup("Zeta", 0),
        });

        Assert.Equal(new[] { "Zeta", "admins", "billing", "editors", "auditors", "readers" }, membership.Groups.Select(g => g.Name));
    }

    [Fact]
    public void A_user_gets_their_groups_in_that_order_whatever_order_they_were_added()
    {
        var membership = new CognitoGroupMembership(new[] { new CognitoGroup("readers", null), new CognitoGroup("admins", 1), new CognitoGroup("editors", 5) });

        // Groups are read in the map's order: admins (0), editors (1), readers (2).
        membership.Add(0, "ann", SubA);
        membership.Add(1, "ann", SubA);
        membership.Add(1, "bob", SubB);
        membership.Add(2, "ann", SubA);
        membership.Add(2, "bob", SubB);

        Assert.Equal(new[] { "admins", "editors", "readers" }, membership.GroupsOf("ann", SubA));
        Assert.Equal(new[] { "editors", "readers" }, membership.GroupsOf("bob", SubB));
        Assert.Empty(membership.GroupsOf("carol", SubC));
        Assert.Equal(2, membership.MemberCount);
        Assert.Equal(5, membership.MembershipCount);
    }

    [Fact]
    public void Users_in_the_same_groups_share_one_list_instead_of_holding_their_own()
    {
        var membership = new CognitoGroupMembership(new[] { new CognitoGroup("a", 1), new CognitoGroup("b", 2) });
        var subs = Enumerable.Range(0, 1000).Select(_ => Guid.NewGuid().ToString()).ToList();
        foreach (string sub in subs)
        {
            membership.Add(0, "u", sub);
        }

        foreach (string sub in subs.Where((_, i) => i % 2 == 0))
        {
            membership.Add(1, "u", sub);
        }

        Assert.Same(membership.GroupsOf("u", subs[0]), membership.GroupsOf("u", subs[2]));
        Assert.Same(membership.GroupsOf("u", subs[1]), membership.GroupsOf("u", subs[3]));
        Assert.Equal(new[] { "a", "b" }, membership.GroupsOf("u", subs[0]));
        Assert.Equal(new[] { "a" }, membership.GroupsOf("u", subs[1]));

        // Empty, {a}, {a, b}: three lists for a thousand users.
        Assert.Equal(3, membership.DistinctGroupSets);
    }

    [Fact]
    public void A_user_listed_twice_in_one_group_is_in_it_once()
    {
        var membership = new CognitoGroupMembership(new[] { new CognitoGroup("a", 1) });

        membership.Add(0, "ann", SubA);
        membership.Add(0, "ann", SubA);

        Assert.Equal(new[] { "a" }, membership.GroupsOf("ann", SubA));
        Assert.Equal(1, membership.MembershipCount);
    }

    [Fact]
    public void Without_a_UUID_sub_the_username_is_the_key()
    {
        var membership = new CognitoGroupMembership(new[] { new CognitoGroup("a", 1) });

        membership.Add(0, "legacy-user", null);
        membership.Add(0, "odd-sub-user", "not-a-uuid");

        Assert.Equal(new[] { "a" }, membership.GroupsOf("legacy-user", null));
        Assert.Equal(new[] { "a" }, membership.GroupsOf("odd-sub-user", "not-a-uuid"));
        Assert.Empty(membership.GroupsOf("someone-else", null));
    }

    [Fact]
    public void Groups_added_out_of_order_are_refused_so_no_list_is_ever_left_unsorted()
    {
        var membership = new CognitoGroupMembership(new[] { new CognitoGroup("a", 1), new CognitoGroup("b", 2) });
        membership.Add(1, "ann", SubA);

        Assert.Throws<InvalidOperationException>(() => membership.Add(0, "ann", SubA));
        Assert.Throws<ArgumentOutOfRangeException>(() => membership.Add(2, "ann", SubA));
    }

    [Fact]
    public void Two_subs_that_differ_only_in_case_are_two_users()
    {
        // Guid parsing ignores case; the map must not, or one user would be handed the other's groups.
        var membership = new CognitoGroupMembership(new[] { new CognitoGroup("admins", 1), new CognitoGroup("readers", 2) });
        string lower = "0f4e5d6c-1111-4a2b-9c3d-aaaaaaaaaaaa";
        membership.Add(0, "upper", lower.ToUpperInvariant());
        membership.Add(1, "lower", lower);

        Assert.Equal(new[] { "admins" }, membership.GroupsOf("upper", lower.ToUpperInvariant()));
        Assert.Equal(new[] { "readers" }, membership.GroupsOf("lower", lower));
        Assert.Equal(2, membership.MemberCount);
    }
}
