using CognitoClerk.Engine.Cognito;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>The open-addressing table behind the membership map: exact answers, its size, and probing that wraps.</summary>
public sealed class CognitoMemberTableTests
{
    [Fact]
    public void Every_member_gets_back_their_own_set_and_nobody_else_is_found()
    {
        var random = new Random(12);
        var table = new CognitoMemberTable();
        var members = Enumerable.Range(0, 200_000).Select(_ => NewGuid(random)).ToList();
        for (int i = 0; i < members.Count; i++)
        {
            table.Set(members[i], 1 + (i % 97));
        }

        Assert.Equal(members.Count, table.Count);
        for (int i = 0; i < members.Count; i++)
        {
            Assert.True(table.TryGetValue(members[i], out int set));
            Assert.Equal(1 + (i % 97), set);
        }

        for (int i = 0; i < 50_000; i++)
        {
            Assert.False(table.TryGetValue(NewGuid(random), out int none));
            Assert.Equal(0, none);
        }
    }

    [Fact]
    public void A_third_of_a_million_members_take_under_half_a_million_slots_of_twenty_bytes()
    {
        var table = new CognitoMemberTable();
        for (int i = 0; i < 333_333; i++)
        {
            table.Set(new Guid(i, 0x4c1e, 0x4a2b, 0x9c, 0x3d, 0x5e, 0x6f, 0x70, 0x81, 0x92, 0xa3), 1);
        }

        // Grown by half from 1,024 slots until three quarters of it holds them: 448,398 slots (9 MB). A
        // Dictionary<Guid, int> holds the same in 672,827 slots of 32 bytes (21.5 MB).
        Assert.Equal(448_398L * 20, table.Bytes);
    }

    [Fact]
    public void Changing_a_members_set_keeps_one_slot_for_them()
    {
        var table = new CognitoMemberTable();
        var sub = Guid.NewGuid();
        table.Set(sub, 3);
        table.Set(sub, 7);

        Assert.Equal(1, table.Count);
        Assert.True(table.TryGetValue(sub, out int set));
        Assert.Equal(7, set);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.Set(sub, 0));
    }

    [Fact]
    public void With_every_key_on_one_home_slot_probing_wraps_and_growing_keeps_every_answer()
    {
        // Every key hashes to the last slot: each probe wraps to the start, and the table grows three times on the way.
        var table = new CognitoMemberTable(_ => uint.MaxValue);
        var members = Enumerable.Range(0, 2_000).Select(i => new Guid(i, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)).ToList();
        for (int i = 0; i < members.Count; i++)
        {
            table.Set(members[i], i + 1);
        }

        Assert.Equal(2_000, table.Count);
        Assert.Equal(3_456L * 20, table.Bytes); // 1,024 → 1,536 → 2,304 → 3,456
        for (int i = 0; i < members.Count; i++)
        {
            Assert.True(table.TryGetValue(members[i], out int set));
            Assert.Equal(i + 1, set);
        }

        Assert.False(table.TryGetValue(new Guid(5_000, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), out _));
    }

    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
