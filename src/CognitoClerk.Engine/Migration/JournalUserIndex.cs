using System;
using System.Text.Json;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// What the journal knows about each user: the latest record's claim that the user is in Clerk (Created or
    /// AlreadyMigrated), with the Clerk user id and the instance it was recorded against. The latest record for a
    /// user wins (<see cref="JournalRecordEffect"/>), so a later Failed or Skipped record, or a removal that found the
    /// user gone (Removed, NotFound), takes the claim back and the user is tried again. Kept as a
    /// <see cref="FinishedUserSet"/> of key hashes and file offsets; a claim is read back from its record when the
    /// user is asked about.
    /// <para>
    /// Kept behind this one small type so the journal file's format and the runner do not depend on how users are
    /// held: a user is identified by (pool, external_id), or by (pool, Cognito username) when a record has no
    /// external_id (<see cref="JournalUserKey"/>).
    /// </para>
    /// Not thread-safe: the journal calls it under its lock.
    /// </summary>
    internal sealed class JournalUserIndex : IDisposable
    {
        private readonly JournalRecordReader _records;
        private readonly FinishedUserSet _finished;
        private readonly JournalLineParser _appendedLines = new JournalLineParser();
        private readonly JournalLineParser _recordLines = new JournalLineParser();
        private byte[] _lineKey = new byte[128];
        private byte[] _recordKey = new byte[128];

        public JournalUserIndex(JournalRecordReader records, JournalKeyHasher? hash = null)
        {
            _records = records;
            _finished = new FinishedUserSet(hash ?? StableHash.OfBytes, IsRecordOf);
        }

        /// <summary>Users claimed finished by their latest record.</summary>
        public int Count => _finished.Count;

        /// <summary>Makes room for about this many finished users at once (see <see cref="FinishedUserSet.Reserve"/>).</summary>
        public void Reserve(int users) => _finished.Reserve(users);

        /// <summary>Takes a line read from the file at <paramref name="offset"/> into account.</summary>
        public void Apply(in JournalLine line, long offset)
        {
            if (line.Effect == JournalRecordEffect.None)
            {
                return;
            }

            int length = JournalUserKey.Write(line.UserPoolId, line.ExternalId, line.CognitoUsername, ref _lineKey);
            if (length < 0)
            {
                return;
            }

            if (line.Effect == JournalRecordEffect.Claims)
            {
                _finished.Put(_lineKey.AsSpan(0, length), offset);
            }
            else
            {
                _finished.Remove(_lineKey.AsSpan(0, length));
            }
        }

        /// <summary>Takes a record this run wrote at <paramref name="offset"/> into account, read as a later run will read it.</summary>
        public void Apply(ReadOnlySpan<byte> writtenLine, long offset)
        {
            if (_appendedLines.TryParse(writtenLine, out JournalLine line))
            {
                Apply(line, offset);
            }
        }

        /// <summary>The claim of this user's latest record, when it says they are in Clerk.</summary>
        public bool TryGet(string? userPoolId, string? externalId, string? cognitoUsername, out JournalClaim? claim)
        {
            claim = null;
            byte[]? key = JournalUserKey.Of(userPoolId, externalId, cognitoUsername);
            if (key == null || !_finished.TryFind(key, out long offset) || !_records.TryReadLineAt(offset, out ReadOnlySpan<byte> line))
            {
                return false;
            }

            MigrationJournalRecord? record = null;
            try
            {
                record = JsonSerializer.Deserialize<MigrationJournalRecord>(line);
            }
            catch (JsonException)
            {
                // The set found this line a record of the user a moment ago: only a file rewritten under the run gets here.
            }

            if (record == null || !Enum.TryParse(record.Status, ignoreCase: false, out MigrationStatus status))
            {
                return false;
            }

            claim = new JournalClaim(status, record.ClerkUserId, record.InstanceId);
            return true;
        }

        public void Dispose() => _records.Dispose();

        /// <summary>The collision check: reads the line at <paramref name="offset"/> and compares whose record it is, byte for byte.</summary>
        private bool IsRecordOf(long offset, ReadOnlySpan<byte> key)
        {
            if (!_records.TryReadLineAt(offset, out ReadOnlySpan<byte> line) || !_recordLines.TryParse(line, out JournalLine fields))
            {
                return false;
            }

            int length = JournalUserKey.Write(fields.UserPoolId, fields.ExternalId, fields.CognitoUsername, ref _recordKey);
            return length > 0 && key.SequenceEqual(_recordKey.AsSpan(0, length));
        }
    }
}
