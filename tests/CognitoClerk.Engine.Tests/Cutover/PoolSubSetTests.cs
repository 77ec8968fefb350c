using CognitoClerk.Engine.Cutover;
using CognitoClerk.Engine.Text;
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
    public void Sized_from_the_pool_estimate_it_never_grows_and_holds_fewer_slots_than_a_power_of_two()
    {
        var set = new PoolSubSet(100_000);
        long bytesAtStart = set.Bytes;
        for (int i = 0; i < 100_000; i++)
        {
            set.Add(CutoverFixtures.Sub(i));
        }

        Assert.Equal(100_000, set.Count);
        Assert.Equal(bytesAtStart, set.Bytes);

        // 100,000 / 0.7 slots of ten bytes: 1.4 MB, where the doubling table needs 262,144 slots (2.6 MB).
        Assert.InRange(set.Bytes, 142_858 * 10, 142_860 * 10);
        for (int i = 0; i < 100_000; i += 997)
        {
            set.MarkFound(CutoverFixtures.Sub(i));
            Assert.Equal(SubMatch.Present, set.Match(CutoverFixtures.Sub(i)));
            Assert.Equal(SubMatch.Absent, set.Match(CutoverFixtures.Sub(100_000 + i)));
        }
    }

    [Theory]
    [InlineData(0)] // no estimate
    [InlineData(10)] // far too low
    [InlineData(3_001)] // a table of an odd size
    public void An_estimate_too_low_or_none_grows_the_table_and_every_answer_stays_exact(int estimate)
    {
        var set = new PoolSubSet(estimate);
        for (int i = 0; i < 20_000; i++)
        {
            set.Add(CutoverFixtures.Sub(i));
        }

        Assert.Equal(20_000, set.Count);
        Assert.True(set.Count <= set.Bytes / 10 * 0.7, $"{set.Bytes} bytes for 20,000 subs");
        for (int i = 0; i < 40_000; i++)
        {
            Assert.Equal(i < 20_000 ? SubMatch.Ambiguous : SubMatch.Absent, set.Match(CutoverFixtures.Sub(i)));
        }
    }

    [Fact]
    public void With_every_hash_in_one_place_a_presized_table_wraps_around_and_stays_exact()
    {
        // A hash whose high bits are all ones puts every sub's home slot at the table's last slot.
        var set = new PoolSubSet(sub => 0xFFFFFFFF00000000UL | (uint)sub.GetHashCode(), expectedCount: 50);
        for (int i = 0; i < 60; i++)
        {
            set.Add(CutoverFixtures.Sub(i));
        }

        Assert.Equal(60, set.Count);
        set.MarkFound(CutoverFixtures.Sub(59));
        Assert.Equal(SubMatch.Present, set.Match(CutoverFixtures.Sub(59)));
        Assert.Equal(SubMatch.Ambiguous, set.Match(CutoverFixtures.Sub(0)));
        Assert.Equal(SubMatch.Absent, set.Match(CutoverFixtures.Sub(60)));
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
        Assert.Equal(0xf87a26d393e969dbUL, StableHash.OfChars("0f4e5d6c-1111-4a2b-9c3d-aaaaaaaaaaaa"));
        Assert.Equal(0xefd01f60ba992926UL, StableHash.OfChars(string.Empty));
    }
}
