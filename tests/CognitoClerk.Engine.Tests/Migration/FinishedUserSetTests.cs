using System.Text;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Text;
using Xunit;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>
/// The compact set of finished users on its own, over a fake journal: an offset stands for a record, and the
/// record says whose it is. Collisions are forced through the injectable hash, down to one hash for every user,
/// to show that an equal hash is never taken for the same user.
/// </summary>
public sealed class FinishedUserSetTests
{
    [Fact]
    public void A_user_put_is_found_at_the_offset_of_their_latest_record_and_no_one_else_is()
    {
        var journal = new FakeJournal();
        var set = journal.NewSet();

        set.Put(journal.Write("alice"), journal.LastOffset);
        set.Put(journal.Write("bob"), journal.LastOffset);
        long bobFirst = journal.LastOffset;
        set.Put(journal.Write("bob"), journal.LastOffset);

        Assert.Equal(2, set.Count);
        Assert.True(set.TryFind(Key("alice"), out long alice));
        Assert.Equal("alice", journal.WhoseRecordAt(alice));
        Assert.True(set.TryFind(Key("bob"), out long bob));
        Assert.NotEqual(bobFirst, bob);
        Assert.Equal(journal.LastOffset, bob);
        Assert.False(set.TryFind(Key("carol"), out long none));
        Assert.Equal(-1, none);
    }

    [Fact]
    public void Users_whose_keys_share_one_hash_are_each_found_by_their_own_record()
    {
        var journal = new FakeJournal();
        var set = journal.NewSet(hash: _ => 0x5EED_5EED_5EED_5EEDUL);
        string[] users = Enumerable.Range(0, 50).Select(i => $"sub-{i:D4}").ToArray();
        foreach (string user in users)
        {
            set.Put(journal.Write(user), journal.LastOffset);
        }

        Assert.Equal(50, set.Count);
        foreach (string user in users)
        {
            Assert.True(set.TryFind(Key(user), out long offset));
            Assert.Equal(user, journal.WhoseRecordAt(offset));
        }

        // Someone with the same hash who has no record is not found, although every entry's hash matches theirs.
        Assert.False(set.TryFind(Key("sub-not-in-journal"), out _));
        Assert.True(journal.RecordReads > 50);
    }

    [Fact]
    public void Taking_a_user_out_of_a_run_of_collisions_leaves_every_other_user_findable()
    {
        var journal = new FakeJournal();

        // 40 users in 54 slots whose hashes send them to four neighbouring home slots at the table's end (52, 53, 0,
        // 1): one cluster that wraps round, where the backward shift must move some entries into a hole and leave
        // others that a move would put before their home slot.
        int[] homes = { 52, 53, 0, 1 };
        FinishedUserSet set = journal.NewSet(hash: key => HashForSlot(homes[(key[^1] - '0') % 4], 54));
        set.Reserve(40);
        Assert.Equal(54, set.Capacity);
        var present = new HashSet<string>();
        for (int i = 0; i < 40; i++)
        {
            string user = $"u{i:D2}";
            set.Put(journal.Write(user), journal.LastOffset);
            present.Add(user);
        }

        foreach (int i in new[] { 0, 39, 17, 18, 1, 2, 25 })
        {
            string user = $"u{i:D2}";
            Assert.True(set.Remove(Key(user)));
            Assert.False(set.Remove(Key(user)));
            present.Remove(user);
            foreach (string other in present)
            {
                Assert.True(set.TryFind(Key(other), out long offset), $"{other} lost after taking out {user}");
                Assert.Equal(other, journal.WhoseRecordAt(offset));
            }

            Assert.False(set.TryFind(Key(user), out _));
        }

        Assert.Equal(present.Count, set.Count);
        Assert.Equal(54, set.Capacity);
    }

    [Fact]
    public void The_table_grows_past_three_quarters_and_keeps_every_user()
    {
        var journal = new FakeJournal();
        var set = journal.NewSet();
        int startCapacity = set.Capacity;
        var capacities = new List<int> { startCapacity };
        for (int i = 0; i < 10_000; i++)
        {
            set.Put(journal.Write($"sub-{i:D6}"), journal.LastOffset);
            Assert.True(set.Count <= set.Capacity * 3 / 4, $"{set.Count} users in {set.Capacity} slots");
            if (set.Capacity != capacities[^1])
            {
                capacities.Add(set.Capacity);
            }
        }

        // Distinct users are placed by hash alone, also when the table grows: no record is read to tell them apart.
        Assert.Equal(0, journal.RecordReads);
        Assert.Equal(10_000, set.Count);
        Assert.True(capacities.Count > 5, string.Join(", ", capacities));
        for (int i = 0; i < 10_000; i++)
        {
            Assert.True(set.TryFind(Key($"sub-{i:D6}"), out long offset));
            Assert.Equal($"sub-{i:D6}", journal.WhoseRecordAt(offset));
        }
    }

    [Fact]
    public void Reserving_room_sizes_the_table_once_for_that_many_users()
    {
        var journal = new FakeJournal();
        var set = journal.NewSet();

        set.Reserve(1_000);
        int reserved = set.Capacity;
        for (int i = 0; i < 1_000; i++)
        {
            set.Put(journal.Write($"sub-{i:D6}"), journal.LastOffset);
        }

        Assert.InRange(reserved, 1_334, 1_400);
        Assert.Equal(reserved, set.Capacity);
        set.Put(journal.Write("one-more"), journal.LastOffset);
        Assert.True(set.Capacity > reserved);
        Assert.Equal(1_001, set.Count);
    }

    [Theory]
    [InlineData("one hash for everyone")]
    [InlineData("four hashes a quarter of the table apart")]
    [InlineData("ten hashes at the table's end, wrapping round")]
    [InlineData("the journal's hash")]
    public void Against_a_dictionary_every_answer_is_the_same(string hashes)
    {
        // A model check: random puts and removals of 300 users, after which the set must answer exactly as a
        // dictionary of user -> latest offset does, however badly their keys collide.
        var journal = new FakeJournal();
        JournalKeyHasher hash = hashes switch
        {
            "one hash for everyone" => _ => 42UL,
            "four hashes a quarter of the table apart" => key => (ulong)(key[^1] % 4) * 0x4000_0000_0000_0001UL,
            "ten hashes at the table's end, wrapping round" => key => ulong.MaxValue - (ulong)(key[^1] - '0') * (1UL << 55),
            _ => StableHash.OfBytes,
        };
        FinishedUserSet set = journal.NewSet(hash);
        var model = new Dictionary<string, long>();
        var random = new Random(20261129);
        string[] users = Enumerable.Range(0, 300).Select(i => $"user-{i:D3}").ToArray();
        for (int step = 0; step < 5_000; step++)
        {
            string user = users[random.Next(users.Length)];
            if (random.Next(3) == 0)
            {
                Assert.Equal(model.Remove(user), set.Remove(Key(user)));
            }
            else
            {
                set.Put(journal.Write(user), journal.LastOffset);
                model[user] = journal.LastOffset;
            }

            if (step % 250 == 0 || step == 4_999)
            {
                Assert.Equal(model.Count, set.Count);
                foreach (string each in users)
                {
                    bool found = set.TryFind(Key(each), out long offset);
                    Assert.Equal(model.ContainsKey(each), found);
                    if (found)
                    {
                        Assert.Equal(model[each], offset);
                    }
                }
            }
        }
    }

    [Fact]
    public void The_journal_hash_spreads_similar_keys_over_the_whole_table()
    {
        // Keys differing only in their last characters must not share a home slot: the slot comes from the top bits.
        // 1,000 keys in 65,536 values of the top 16 bits: about 8 share one by chance.
        var tops = Enumerable.Range(0, 1_000)
            .Select(i => StableHash.OfBytes(Key($"sub-{i:D6}")) >> 48)
            .ToHashSet();

        Assert.True(tops.Count > 980, $"{tops.Count} distinct top-16-bit values for 1,000 keys");
        Assert.NotEqual(StableHash.OfBytes(Key("ab")), StableHash.OfBytes(Key("ba")));
    }

    private static byte[] Key(string user) => JournalUserKey.Of("us-east-1_TEST", user, null)!;

    /// <summary>A hash whose home slot is <paramref name="slot"/> (wrapped) in a table of <paramref name="capacity"/> slots.</summary>
    private static ulong HashForSlot(int slot, int capacity)
    {
        ulong top = (((ulong)(slot % capacity) << 32) + (ulong)capacity - 1) / (ulong)capacity;
        return top << 32;
    }

    /// <summary>A journal in memory: each record has its own offset and names one user.</summary>
    private sealed class FakeJournal
    {
        private readonly Dictionary<long, byte[]> _records = new();

        public long LastOffset { get; private set; } = -1;

        public int RecordReads { get; private set; }

        public FinishedUserSet NewSet(JournalKeyHasher? hash = null) =>
            new(key => (hash ?? StableHash.OfBytes)(key), IsRecordOf);

        public byte[] Write(string user)
        {
            LastOffset += 100;
            _records[LastOffset] = Key(user);
            return Key(user);
        }

        public string WhoseRecordAt(long offset)
        {
            byte[] key = _records[offset];
            string text = Encoding.UTF8.GetString(key);
            return text.Substring(text.LastIndexOf('\u001f') + 1);
        }

        private bool IsRecordOf(long offset, ReadOnlySpan<byte> key)
        {
            RecordReads++;

            return _records.TryGetValue(offset, out byte[]? record) && key.SequenceEqual(record);
        }
    }
}
