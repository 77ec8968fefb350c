using System.Text;
using System.Text.Json;
using CognitoClerk.Engine.Migration;
using Xunit;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>
/// The journal's index of finished users against real files: journals as earlier versions wrote and read them,
/// the latest record of a user winning (Removed included), and every user found by their own record even when
/// the injectable hash makes every key collide.
/// </summary>
public sealed class MigrationJournalIndexTests : IDisposable
{
    private const string Pool = "us-east-1_TEST";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cognitoclerk-journal-index-" + Guid.NewGuid().ToString("N"));

    public MigrationJournalIndexTests() => Directory.CreateDirectory(_directory);

    public static TheoryData<string> Hashes => new() { "journal", "everyone collides" };

    private string JournalPath => Path.Combine(_directory, "migration.jsonl");

    [Theory]
    [MemberData(nameof(Hashes))]
    public void The_latest_record_of_a_user_wins_and_Removed_makes_them_unfinished_again(string hashes)
    {
        WriteLines(
            Line("sub-1", "Created", "user_1a"),
            Line("sub-2", "Created", "user_2"),
            Line("sub-3", "Failed"),
            Removal("sub-1", "Removed"),
            Line("sub-4", "Created", "user_4a"),
            Removal("sub-4", "Removed"),
            Line("sub-4", "Created", "user_4b"),
            Line("sub-5", "AlreadyMigrated", "user_5"),
            Removal("sub-5", "Failed"),
            Line("sub-3", "Created", "user_3"),
            Line("sub-6", "Created", "user_6"),
            Removal("sub-6", "Kept"),
            Line("sub-8", "Created", "user_8"),
            Removal("sub-8", "NotFound"),
            Removal("sub-9", "Removed"),
            Line("sub-10", "Created", "user_10"),
            Line("sub-10", "Failed"));

        using var journal = MigrationJournal.Open(JournalPath, HashFor(hashes));

        Assert.Equal(17, journal.RecordsRead);
        Assert.Equal(5, journal.FinishedUserCount);
        Assert.False(journal.TryGetFinished(Pool, "sub-1", null, out _));
        Assert.Equal("user_2", ClerkIdOf(journal, "sub-2"));
        Assert.Equal("user_3", ClerkIdOf(journal, "sub-3"));
        Assert.Equal("user_4b", ClerkIdOf(journal, "sub-4"));

        // A removal that failed, or kept a user who had signed in, leaves them in Clerk: still finished.
        Assert.Equal("user_5", ClerkIdOf(journal, "sub-5"));
        Assert.Equal("user_6", ClerkIdOf(journal, "sub-6"));
        Assert.False(journal.TryGetFinished(Pool, "sub-8", null, out _));
        Assert.False(journal.TryGetFinished(Pool, "sub-9", null, out _));

        // A later migration record that did not finish the user takes the claim back: they are tried again.
        Assert.False(journal.TryGetFinished(Pool, "sub-10", null, out _));

        // Records this run appends count the same way, after the ones read.
        journal.Append(new MigrationJournalRecord { UserPoolId = Pool, ExternalId = "sub-2", Operation = MigrationJournal.RemoveOperation, Status = MigrationJournal.RemovedStatus });
        journal.Append(new MigrationJournalRecord { UserPoolId = Pool, ExternalId = "sub-1", Status = "AlreadyMigrated", ClerkUserId = "user_1b" });
        journal.Append(new MigrationJournalRecord { UserPoolId = Pool, ExternalId = "sub-7", Status = "Created", ClerkUserId = "user_7" });
        journal.Append(new MigrationJournalRecord { UserPoolId = Pool, ExternalId = "sub-3", Operation = MigrationJournal.RemoveOperation, Status = "Kept" });

        Assert.False(journal.TryGetFinished(Pool, "sub-2", null, out _));
        Assert.True(journal.TryGetFinished(Pool, "sub-1", "renamed", out JournalClaim? one));
        Assert.Equal(MigrationStatus.AlreadyMigrated, one!.Status);
        Assert.Equal("user_1b", one.ClerkUserId);
        Assert.Equal("user_7", ClerkIdOf(journal, "sub-7"));
        Assert.Equal("user_3", ClerkIdOf(journal, "sub-3"));
        Assert.Equal(6, journal.FinishedUserCount);
    }

    [Fact]
    public void When_every_key_collides_each_of_many_users_is_still_found_by_their_own_record_only()
    {
        int hashCalls = 0;
        JournalKeyHasher everyoneCollides = _ =>
        {
            hashCalls++;
            return 0xC011_1DE5UL;
        };
        var lines = new List<string>();
        for (int i = 0; i < 300; i++)
        {
            lines.Add(Line($"sub-{i:D3}", i % 3 == 0 ? "Failed" : "Created", $"user_{i:D3}"));
        }

        WriteLines(lines.ToArray());

        using (var journal = MigrationJournal.Open(JournalPath, everyoneCollides))
        {
            Assert.Equal(200, journal.FinishedUserCount);
            for (int i = 0; i < 300; i++)
            {
                bool found = journal.TryGetFinished(Pool, $"sub-{i:D3}", null, out JournalClaim? claim);
                Assert.Equal(i % 3 != 0, found);
                if (found)
                {
                    Assert.Equal($"user_{i:D3}", claim!.ClerkUserId);
                }
            }

            Assert.False(journal.TryGetFinished(Pool, "sub-999", null, out _));
            Assert.False(journal.TryGetFinished("eu-west-1_OTHER", "sub-001", null, out _));
            journal.Append(new MigrationJournalRecord { UserPoolId = Pool, ExternalId = "sub-001", Operation = MigrationJournal.RemoveOperation, Status = MigrationJournal.RemovedStatus });
            Assert.False(journal.TryGetFinished(Pool, "sub-001", null, out _));
            Assert.Equal("user_002", ClerkIdOf(journal, "sub-002"));
        }

        Assert.True(hashCalls >= 500, $"the injected hash was called {hashCalls} times");
        using var reopened = MigrationJournal.OpenForReading(JournalPath, everyoneCollides)!;
        Assert.Equal(199, reopened.FinishedUserCount);
        Assert.False(reopened.TryGetFinished(Pool, "sub-001", null, out _));
    }

    [Fact]
    public void Lines_as_earlier_versions_read_them_give_the_same_counts_and_the_same_finished_users()
    {
        // Odd lines a journal can hold (a crash, an editor, someone's notes), read by the old reader (a StreamReader,
        // then JsonSerializer per line) and by the index; both must agree on every count and every user.
        string[] lines =
        {
            Line("sub-a", "Created", "user_a"),
            "{\"time\":\"2026-01-01T00:00:00.0000000Z\",\"pool\":\"us-east-1_TEST\",\"username\":\"s\\u00F8ren.\\u00E5g\\u00E5rd\",\"status\":\"Created\",\"clerk_user_id\":\"user_soren\"}",
            "{\"pool\":\"us-east-1_TEST\",\"username\":\"only-username\",\"external_id\":\"\",\"status\":\"AlreadyMigrated\",\"clerk_user_id\":\"user_u\"}",
            "{\"pool\":null,\"external_id\":\"sub-nullpool\",\"status\":\"Created\",\"clerk_user_id\":\"user_np\"}",
            "{\"external_id\":\"sub-nopool\",\"status\":\"Created\",\"clerk_user_id\":\"user_nop\"}",
            "{\"p\\u006fol\":\"us-east-1_TEST\",\"external_id\":\"sub-escaped-name\",\"status\":\"Cr\\u0065ated\",\"clerk_user_id\":\"user_esc\"}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-extra\",\"status\":\"Created\",\"clerk_user_id\":\"user_x\",\"note\":{\"by\":[1,2,{\"a\":null}]},\"n\":5}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-dup\",\"status\":\"Failed\",\"status\":\"Created\",\"clerk_user_id\":\"user_dup\"}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-num\",\"status\":\"1\",\"clerk_user_id\":\"user_num\"}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-space\",\"status\":\" Created \",\"clerk_user_id\":\"user_space\"}",
            "   ",
            string.Empty,
            "not json at all",
            "[1,2,3]",
            "null",
            "\"a string\"",
            "{}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-nostatus\",\"clerk_user_id\":\"user_ns\"}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-nullstatus\",\"status\":null}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-numstatus\",\"status\":0}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":5,\"status\":\"Created\"}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-badtime\",\"status\":\"Created\",\"time\":true}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-after\",\"status\":\"Created\"} trailing",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-two\",\"status\":\"Created\"}{\"a\":1}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-comment\",\"status\":\"Created\"} // note",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-comma\",\"status\":\"Created\",}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-lone\\ud800\",\"status\":\"Created\"}",
            Line("sub-a", "Created", "user_a2") + "   ",
            Line("sub-gone", "Created", "user_gone"),
            Removal("sub-gone", "Removed"),
            Line("sub-kept", "Created", "user_kept"),
            Removal("sub-kept", "Kept"),
            Line("sub-opnull", "Created", "user_opnull"),
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-opnull\",\"status\":\"Removed\",\"operation\":null}",
            Line("sub-opempty", "Created", "user_opempty"),
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-opempty\",\"status\":\"Removed\",\"operation\":\"\"}",
            Line("sub-opother", "Created", "user_opother"),
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-opother\",\"status\":\"Created\",\"operation\":\"restore\",\"clerk_user_id\":\"user_restored\"}",
            "{\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-opnumber\",\"status\":\"Created\",\"operation\":7}",
            Line("sub-failed-later", "Created", "user_fl"),
            Line("sub-failed-later", "Failed"),
            "{\"instance_id\":\"ins_prod\",\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-i1\",\"status\":\"Created\",\"clerk_user_id\":\"user_i1\"}",
            "{\"instance_id\":\"ins_prod\",\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-i2\",\"status\":\"Created\",\"clerk_user_id\":\"user_i2\"}",
            "{\"instance_id\":\"ins_\\u0064ev\",\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-i3\",\"status\":\"Created\",\"clerk_user_id\":\"user_i3\"}",
            "{\"instance_id\":null,\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-i4\",\"status\":\"Created\",\"clerk_user_id\":\"user_i4\"}",
            "{\"instance_id\":\"ins_prod\",\"pool\":\"us-east-1_TEST\",\"external_id\":\"sub-i5\",\"status\":\"Created\",\"clerk_user_id\":\"user_i5\"}",
            "\t" + Line("sub-tab", "Created", "user_tab"),
            Line("sub-crlf", "Created", "user_crlf") + "\r",
            "{\"time\":\"2026-01-01T00:00:01.0000000Z\",\"pool\":\"us-east-1_TEST\",\"username\":\"cognito-user-2\",\"external_id\":\"sub-0000",
        };
        File.WriteAllText(JournalPath, string.Join("\n", lines), new UTF8Encoding(false));

        OldReading old = OldReader(JournalPath);
        using var journal = MigrationJournal.OpenForReading(JournalPath)!;

        Assert.Equal(old.Records, journal.RecordsRead);
        Assert.Equal(old.Ignored, journal.IgnoredLines);
        Assert.Equal(old.IgnoredLineNumbers, journal.IgnoredLineNumbers);
        Assert.Equal(old.IgnoredBeforeLast, journal.IgnoredLinesBeforeLast);
        Assert.Equal(old.WithoutInstance, journal.RecordsWithoutInstance);
        Assert.Equal(old.Finished.Count, journal.FinishedUserCount);
        foreach (KeyValuePair<(string? Pool, string? ExternalId, string? Username), string?> user in old.Finished)
        {
            Assert.True(journal.TryGetFinished(user.Key.Pool, user.Key.ExternalId, user.Key.Username, out JournalClaim? claim), user.Key.ToString());
            Assert.Equal(user.Value, claim!.ClerkUserId);
        }

        // A few by hand, so the comparison cannot pass by both readers being wrong the same way.
        Assert.True(old.Finished.Count >= 10, old.Finished.Count.ToString());
        Assert.Equal("user_soren", ClerkIdOf(journal, null, "s\u00F8ren.\u00E5g\u00E5rd"));
        Assert.Equal("user_u", ClerkIdOf(journal, string.Empty, "only-username"));
        Assert.Equal("user_a2", ClerkIdOf(journal, "sub-a"));
        Assert.Equal("user_dup", ClerkIdOf(journal, "sub-dup"));
        Assert.True(journal.TryGetFinished(null, "sub-nullpool", null, out _));
        Assert.True(journal.TryGetFinished(string.Empty, "sub-nopool", null, out _));
        Assert.False(journal.TryGetFinished(Pool, "sub-after", null, out _));
        Assert.False(journal.TryGetFinished(Pool, "sub-gone", null, out _));
        Assert.Equal("user_kept", ClerkIdOf(journal, "sub-kept"));
        Assert.Equal("user_opother", ClerkIdOf(journal, "sub-opother"));

        // Records per instance, counted without a string per line: bound to a third instance, both are others.
        journal.BindInstance("ins_other");
        Assert.Equal(old.ByInstance, journal.RecordsOfOtherInstances());
        Assert.Equal(new Dictionary<string, int> { ["ins_prod"] = 3, ["ins_dev"] = 1 }, journal.RecordsOfOtherInstances());
        Assert.False(journal.TryGetFinished(Pool, "sub-i1", null, out _));
        Assert.Equal("user_i4", ClerkIdOf(journal, "sub-i4"));
        Assert.False(journal.TryGetFinished(Pool, "sub-0000", null, out _));
    }

    [Fact]
    public void A_byte_order_mark_and_Windows_line_ends_are_read_and_a_UTF16_journal_is_refused_with_the_way_out()
    {
        string text = Line("sub-1", "Created", "user_1") + "\r\n" + Line("sub-2", "Created", "user_2") + "\r\n";
        File.WriteAllText(JournalPath, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using (var journal = MigrationJournal.Open(JournalPath))
        {
            Assert.Equal(2, journal.RecordsRead);
            Assert.Equal(0, journal.IgnoredLines);
            Assert.Equal("user_1", ClerkIdOf(journal, "sub-1"));
            Assert.Equal("user_2", ClerkIdOf(journal, "sub-2"));
        }

        File.WriteAllText(JournalPath, text, new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        var ex = Assert.Throws<MigrationJournalException>(() => MigrationJournal.Open(JournalPath));
        Assert.Contains("UTF-16", ex.Message);
        Assert.Contains("UTF-8", ex.Message);
        Assert.Throws<MigrationJournalException>(() => MigrationJournal.OpenForReading(JournalPath));

        // Refused without holding the lock: the journal can be opened again once it is fixed.
        File.WriteAllText(JournalPath, text, new UTF8Encoding(false));
        using var fixedJournal = MigrationJournal.Open(JournalPath);
        Assert.Equal(2, fixedJournal.FinishedUserCount);
    }

    [Fact]
    public void A_line_longer_than_a_record_can_be_is_ignored_without_losing_the_next_one()
    {
        string huge = "{\"pool\":\"" + new string('p', JournalLineScanner.MaxLineBytes + 10) + "\",\"external_id\":\"sub-huge\",\"status\":\"Created\"}";
        WriteLines(Line("sub-1", "Created", "user_1"), huge, Line("sub-2", "Created", "user_2"));

        using var journal = MigrationJournal.Open(JournalPath);

        Assert.Equal(2, journal.RecordsRead);
        Assert.Equal(1, journal.IgnoredLines);
        Assert.Equal("user_1", ClerkIdOf(journal, "sub-1"));
        Assert.Equal("user_2", ClerkIdOf(journal, "sub-2"));
    }

    [Fact]
    public void Many_users_across_the_scanners_blocks_are_each_found_with_their_own_record()
    {
        // Enough lines (about 1.3 MB) that lines straddle the 64 KB reading blocks and the 4 KB lookup blocks.
        var lines = new List<string>();
        for (int i = 0; i < 6_000; i++)
        {
            lines.Add(Line($"sub-{i:D5}", "Created", $"user_{i:D5}" + new string('x', i % 97)));
        }

        WriteLines(lines.ToArray());
        using var journal = MigrationJournal.OpenForReading(JournalPath)!;

        Assert.Equal(6_000, journal.FinishedUserCount);
        foreach (int i in Enumerable.Range(0, 6_000).Reverse())
        {
            Assert.Equal($"user_{i:D5}" + new string('x', i % 97), ClerkIdOf(journal, $"sub-{i:D5}"));
        }
    }

    [Fact]
    public void A_last_line_without_its_end_that_is_a_whole_record_counts_and_is_found()
    {
        File.WriteAllText(JournalPath, Line("sub-1", "Created", "user_1") + "\n" + Line("sub-2", "Created", "user_2"), new UTF8Encoding(false));

        using (var reader = MigrationJournal.OpenForReading(JournalPath)!)
        {
            Assert.Equal("user_2", ClerkIdOf(reader, "sub-2"));
        }

        using var journal = MigrationJournal.Open(JournalPath);
        journal.Append(new MigrationJournalRecord { UserPoolId = Pool, ExternalId = "sub-3", Status = "Created", ClerkUserId = "user_3" });

        Assert.Equal("user_2", ClerkIdOf(journal, "sub-2"));
        Assert.Equal("user_3", ClerkIdOf(journal, "sub-3"));
        Assert.Equal(3, File.ReadAllLines(JournalPath).Length);
    }

    [Fact]
    public void Opening_a_journal_makes_no_object_per_line()
    {
        // The design, not a speed goal: lines are read as bytes and users kept as 16-byte slots, so what opening
        // allocates is the table (about 21 bytes a record) and a few fixed buffers. Reading each line into a record
        // and a string key, as before, allocated about 600 bytes a record.
        const int Records = 20_000;
        var lines = new List<string>();
        for (int i = 0; i < Records; i++)
        {
            lines.Add(Line($"{i:D8}-4c1e-4a2b-9c3d-5e6f708192a3", i % 10 == 0 ? "Failed" : "Created", "user_2abcdefghijklmnopqrstuvwxyz"));
        }

        WriteLines(lines.ToArray());
        using (MigrationJournal.OpenForReading(JournalPath))
        {
            // Once, so that what the first open of a process sets up (JIT, static tables) is not counted.
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        using var journal = MigrationJournal.OpenForReading(JournalPath)!;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(Records, journal.RecordsRead);
        Assert.Equal(Records - (Records / 10), journal.FinishedUserCount);
        Assert.True(allocated < Records * 40L, $"{allocated:N0} bytes allocated to open {Records:N0} records");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static JournalKeyHasher? HashFor(string hashes) => hashes == "everyone collides" ? _ => 7UL : null;

    private static string Line(string externalId, string status, string? clerkUserId = null) =>
        JsonSerializer.Serialize(new MigrationJournalRecord
        {
            Time = "2026-01-01T00:00:00.0000000Z",
            UserPoolId = Pool,
            CognitoUsername = "cognito-" + externalId,
            ExternalId = externalId,
            Status = status,
            ClerkUserId = clerkUserId,
        }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });

    private static string Removal(string externalId, string status) =>
        JsonSerializer.Serialize(new MigrationJournalRecord
        {
            Time = "2026-01-02T00:00:00.0000000Z",
            UserPoolId = Pool,
            ExternalId = externalId,
            Operation = MigrationJournal.RemoveOperation,
            Status = status,
        }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });

    private static string? ClerkIdOf(MigrationJournal journal, string? externalId, string? username = null, string pool = Pool)
    {
        Assert.True(journal.TryGetFinished(pool, externalId, username, out JournalClaim? claim), $"{externalId ?? username} not found");
        return claim!.ClerkUserId;
    }

    /// <summary>
    /// How journals were read before the index: StreamReader lines, JsonSerializer per line; a finished migration
    /// record claims the user and any other takes the claim back, a removal record that is
    /// <see cref="MigrationJournal.IsGone"/> takes it back and any other changes nothing.
    /// </summary>
    private static OldReading OldReader(string path)
    {
        var result = new OldReading();
        using var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
        string? line;
        int lineNumber = 0;
        int lastIgnored = 0;
        while ((line = reader.ReadLine()) != null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            MigrationJournalRecord? record = null;
            try
            {
                record = JsonSerializer.Deserialize<MigrationJournalRecord>(line);
            }
            catch (JsonException)
            {
            }
            catch (InvalidOperationException)
            {
            }

            if (record?.Status == null)
            {
                result.Ignored++;
                lastIgnored = lineNumber;
                if (result.IgnoredLineNumbers.Count < 5)
                {
                    result.IgnoredLineNumbers.Add(lineNumber);
                }

                continue;
            }

            result.Records++;
            if (record.InstanceId == null)
            {
                result.WithoutInstance++;
            }
            else
            {
                result.ByInstance[record.InstanceId] = result.ByInstance.GetValueOrDefault(record.InstanceId) + 1;
            }

            string? id = string.IsNullOrEmpty(record.ExternalId) ? record.CognitoUsername : record.ExternalId;
            if (string.IsNullOrEmpty(id))
            {
                continue;
            }

            var key = (record.UserPoolId ?? string.Empty, string.IsNullOrEmpty(record.ExternalId) ? null : record.ExternalId, string.IsNullOrEmpty(record.ExternalId) ? record.CognitoUsername : null);
            if (record.Operation != null)
            {
                if (MigrationJournal.IsGone(record))
                {
                    result.Finished.Remove(key);
                }
            }
            else if (Enum.TryParse(record.Status, out MigrationStatus status) && MigrationJournal.IsFinished(status))
            {
                result.Finished[key] = record.ClerkUserId;
            }
            else
            {
                result.Finished.Remove(key);
            }
        }

        result.IgnoredBeforeLast = result.Ignored - (lastIgnored == lineNumber && lastIgnored > 0 ? 1 : 0);
        return result;
    }

    private void WriteLines(params string[] lines) =>
        File.WriteAllText(JournalPath, string.Join("\n", lines) + "\n", new UTF8Encoding(false));

    private sealed class OldReading
    {
        public int Records { get; set; }

        public int Ignored { get; set; }

        public List<int> IgnoredLineNumbers { get; } = new();

        public int IgnoredBeforeLast { get; set; }

        public int WithoutInstance { get; set; }

        public Dictionary<string, int> ByInstance { get; } = new();

        public Dictionary<(string? Pool, string? ExternalId, string? Username), string?> Finished { get; } = new();
    }
}
