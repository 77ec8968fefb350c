using CognitoClerk.Engine.Cutover;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cutover;

/// <summary>The compact set of a pool's subs, and how it stays exact where a hash collision could mislead it.</summary>
public sealed class PoolSubSetTests
{
    [Fact]
    public void A_sub_not_in_the_pool_is_absent_and_a_found_one_present()
    {
        var set = new PoolSubSet();
        for (int i = 0; i < 5000; i++)
        {
            set.Add(CutoverFixtures.Sub(i));
        }

        set.MarkFound(CutoverFixtures.Sub(7));

        Assert.Equal(5000, set.Count);
        Assert.Equal(SubMatch.Present, set.Match(CutoverFixtures.Sub(7)));
        Assert.Equal(SubMatch.Absent, set.Match(CutoverFixtures.Sub(5000)));

        // In the pool, but no lookup found it in Clerk: the set cannot vouch for it, Cognito has to.
        Assert.Equal(SubMatch.Ambiguous, set.Match(CutoverFixtures.Sub(8)));
        Assert.False(set.HasContested);
    }

    [Fact]
    public void It_costs_ten_bytes_a_slot_at_most_seventy_percent_full()
    {
        var set = new PoolSubSet();
        for (int i = 0; i < 100_000; i++)
        {
            set.Add(CutoverFixtures.Sub(i));
        }

        Assert.Equal(100_000, set.Count);
        Assert.True(set.Bytes <= 262_144 * 10, $"{set.Bytes} bytes for 100,000 subs");
        Assert.True(set.Count <= set.Bytes / 10 * 0.7);
    }

    [Fact]
    public void A_hash_hit_more_often_than_users_were_found_under_it_is_contested()
    {
        // Every sub collides: the set has one entry, and only the lookups' counts keep it honest.
        var set = new PoolSubSet(_ => 42);
        set.Add("in-pool-1");
        set.Add("in-pool-2");
        set.MarkFound("in-pool-1");

        Assert.Equal(1, set.Count);
        Assert.Equal(SubMatch.Present, set.Match("in-pool-1"));
        Assert.Equal(SubMatch.Contested, set.Match("deleted-but-colliding"));
        Assert.True(set.HasContested);
        Assert.True(set.IsContested("in-pool-1"));
    }

    [Fact]
    public void The_stable_hash_is_the_same_in_every_process()
    {
        // Pinned (computed apart from this code): string.GetHashCode is randomised per process; this one must not be.
        Assert.Equal(0xf87a26d393e969dbUL, PoolSubSet.StableHash("0f4e5d6c-1111-4a2b-9c3d-aaaaaaaaaaaa"));
        Assert.Equal(0xefd01f60ba992926UL, PoolSubSet.StableHash(string.Empty));
    }
}
