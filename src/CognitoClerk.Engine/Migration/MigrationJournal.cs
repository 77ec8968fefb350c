using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The run's journal: a JSON Lines file with one <see cref="MigrationJournalRecord"/> per user outcome,
    /// appended and flushed to the operating system per record, so it survives the process being killed.
    /// Opened again by a later run, it tells which users are finished (Created or AlreadyMigrated) so they
    /// are not sent to Clerk again.
    /// <para>
    /// The journal is an optimisation, not the safety net: a user whose record was lost (in flight at a
    /// crash, or the OS died before writing the page cache) has no record, goes through the external_id
    /// lookup on the next run and comes out AlreadyMigrated. That is why records are not fsync'ed: one
    /// fsync per user would serialise the whole run on the disk.
    /// </para>
    /// A user is identified by (pool, external_id), or by (pool, Cognito username) when the payload has no
    /// external_id. Remove-ClerkMigratedUser appends its own records (operation "remove"); a Removed or NotFound
    /// one makes the user unfinished again, so the next migration with this journal creates them anew. Only one run may write a journal at a time (a sidecar <c>.lock</c> file, held
    /// exclusively while the journal is open; the OS releases it if the process dies).
    /// </summary>
    public sealed class MigrationJournal : IDisposable
    {
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        private static readonly byte[] NewLine = { (byte)'\n' };

        private readonly object _gate = new object();
        private readonly Dictionary<string, FinishedUser> _finished = new Dictionary<string, FinishedUser>(StringComparer.Ordinal);
        private FileStream? _stream;
        private FileStream? _lock;
        private bool _needsLeadingNewline;

        private MigrationJournal(string path, bool readOnly)
        {
            Path = path;
            IsReadOnly = readOnly;
        }

        public string Path { get; }

        /// <summary>The Clerk instance id written into each outcome's record from now on (null: not known yet).</summary>
        public string? InstanceId { get; set; }

        /// <summary><see cref="MigrationJournalRecord.Operation"/> of a removal record.</summary>
        public const string RemoveOperation = "remove";

        /// <summary>Removal statuses after which the user is no longer in Clerk: a later migration creates them again.</summary>
        public const string RemovedStatus = "Removed";

        public const string NotFoundStatus = "NotFound";

        /// <summary>Opened only to read finished users (for -WhatIf): <see cref="Append(MigrationJournalRecord)"/> does nothing.</summary>
        public bool IsReadOnly { get; }

        /// <summary>Records read from an earlier run.</summary>
        public int RecordsRead { get; private set; }

        /// <summary>Lines that were not a record: a line torn by a crash mid-write, or text someone added.</summary>
        public int IgnoredLines { get; private set; }

        /// <summary>Users the journal knows as finished, from earlier runs and this one.</summary>
        public int FinishedUserCount
        {
            get
            {
                lock (_gate)
                {
                    return _finished.Count;
                }
            }
        }

        /// <summary>Finished means in Clerk: a re-run skips these. Failed, Conflict, AlreadyExists and Skipped users are tried again.</summary>
        public static bool IsFinished(MigrationStatus status) =>
            status == MigrationStatus.Created || status == MigrationStatus.AlreadyMigrated;

        /// <summary>Opens (or creates) the journal for this run: reads what earlier runs wrote, then appends.</summary>
        /// <exception cref="MigrationJournalException">Another run holds it, or the file cannot be opened.</exception>
        public static MigrationJournal Open(string path)
        {
            string fullPath = System.IO.Path.GetFullPath(path);
            var journal = new MigrationJournal(fullPath, readOnly: false);
            try
            {
                journal._lock = AcquireLock(fullPath);
                journal._stream = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
                journal.ReadExisting(journal._stream);
                journal._stream.Seek(0, SeekOrigin.End);
                return journal;
            }
            catch (MigrationJournalException)
            {
                journal.Dispose();
                throw;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is System.Security.SecurityException)
            {
                journal.Dispose();
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' cannot be opened: {ex.Message}", ex);
            }
        }

        /// <summary>Reads an existing journal without writing to it (what -WhatIf uses); null when there is none.</summary>
        public static MigrationJournal? OpenForReading(string path)
        {
            string fullPath = System.IO.Path.GetFullPath(path);
            if (!File.Exists(fullPath))
            {
                return null;
            }

            var journal = new MigrationJournal(fullPath, readOnly: true);
            try
            {
                using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                journal.ReadExisting(stream);
                return journal;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' cannot be read: {ex.Message}", ex);
            }
        }

        /// <summary>The finished record for this user, if an earlier outcome put it in Clerk.</summary>
        public bool TryGetFinished(string? userPoolId, string? externalId, string? cognitoUsername, out MigrationJournalRecord? record)
        {
            record = null;
            string? key = KeyOf(userPoolId, externalId, cognitoUsername);
            if (key == null)
            {
                return false;
            }

            lock (_gate)
            {
                if (!_finished.TryGetValue(key, out FinishedUser? user))
                {
                    return false;
                }

                record = new MigrationJournalRecord
                {
                    UserPoolId = userPoolId,
                    ExternalId = externalId,
                    CognitoUsername = cognitoUsername,
                    Status = user.Status.ToString(),
                    ClerkUserId = user.ClerkUserId,
                };
                return true;
            }
        }

        public bool TryGetFinished(MigrationWorkItem item, out MigrationJournalRecord? record) =>
            TryGetFinished(item.UserPoolId, item.ExternalId, item.CognitoUsername, out record);

        /// <summary>Appends the outcome's record. Outcomes that came from the journal are not written twice.</summary>
        public void Append(MigrationOutcome outcome)
        {
            if (outcome.FromJournal)
            {
                return;
            }

            Append(new MigrationJournalRecord
            {
                Time = DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture),
                UserPoolId = outcome.Item.UserPoolId,
                CognitoUsername = outcome.Item.CognitoUsername,
                ExternalId = outcome.Item.ExternalId,
                Status = outcome.Status.ToString(),
                ClerkUserId = outcome.ClerkUserId,
                ConflictingClerkUserId = outcome.ConflictingClerkUserId,
                ErrorCode = outcome.ErrorCode,
                TraceId = outcome.TraceId,
                InstanceId = InstanceId,
            });
        }

        /// <summary>
        /// Every record of the journal file in order, read afresh from disk (lines that are not a record skipped).
        /// Streams: nothing is kept between records.
        /// </summary>
        /// <exception cref="MigrationJournalException">The file cannot be read.</exception>
        public IEnumerable<MigrationJournalRecord> ReadRecords() => ReadRecords(Path);

        /// <inheritdoc cref="ReadRecords()"/>
        public static IEnumerable<MigrationJournalRecord> ReadRecords(string path)
        {
            string fullPath = System.IO.Path.GetFullPath(path);
            FileStream stream;
            try
            {
                stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' cannot be read: {ex.Message}", ex);
            }

            using (stream)
            using (var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 65536))
            {
                string? line;
                while ((line = reader.ReadLine()) != null)
                {
                    MigrationJournalRecord? record = ParseLine(line);
                    if (record != null)
                    {
                        yield return record;
                    }
                }
            }
        }

        /// <summary>Writes one line and flushes it to the OS. After <see cref="Dispose"/> this does nothing.</summary>
        /// <exception cref="MigrationJournalException">The write failed (disk full, file gone).</exception>
        public void Append(MigrationJournalRecord record)
        {
            if (IsReadOnly)
            {
                return;
            }

            record.Time ??= DateTime.UtcNow.ToString("o", CultureInfo.InvariantCulture);
            byte[] line = JsonSerializer.SerializeToUtf8Bytes(record, JsonOptions);
            lock (_gate)
            {
                if (_stream == null)
                {
                    return;
                }

                try
                {
                    if (_needsLeadingNewline)
                    {
                        // The last run died mid-line: end that torn line so this record starts clean.
                        _stream.Write(NewLine, 0, 1);
                        _needsLeadingNewline = false;
                    }

                    _stream.Write(line, 0, line.Length);
                    _stream.Write(NewLine, 0, 1);
                    _stream.Flush();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new MigrationJournalException(Path, $"The journal '{Path}' cannot be written: {ex.Message}", ex);
                }

                Remember(record);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _stream?.Dispose();
                _stream = null;
                _lock?.Dispose();
                _lock = null;
            }
        }

        private static FileStream AcquireLock(string fullPath)
        {
            string lockPath = fullPath + ".lock";
            try
            {
                // FileShare.None is an exclusive lock on Windows and an exclusive flock on Unix; the OS drops it when the process dies.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException ex)
            {
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' is in use by another run (lock file '{lockPath}'). Wait for that run to end; two runs must not share a journal.", ex);
            }
        }

        /// <summary>The identity of a user in a journal: (pool, external_id), or (pool, Cognito username) without one.</summary>
        internal static string? KeyOf(string? userPoolId, string? externalId, string? cognitoUsername)
        {
            string pool = userPoolId ?? string.Empty;
            if (!string.IsNullOrEmpty(externalId))
            {
                return "x\u001f" + pool + "\u001f" + externalId;
            }

            return string.IsNullOrEmpty(cognitoUsername) ? null : "u\u001f" + pool + "\u001f" + cognitoUsername;
        }

        private void ReadExisting(FileStream stream)
        {
            if (stream.Length == 0)
            {
                return;
            }

            stream.Seek(-1, SeekOrigin.End);
            _needsLeadingNewline = stream.ReadByte() != '\n';
            stream.Seek(0, SeekOrigin.Begin);

            using var reader = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 65536, leaveOpen: true);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                MigrationJournalRecord? record = ParseLine(line);
                if (record == null)
                {
                    IgnoredLines++;
                    continue;
                }

                RecordsRead++;
                Remember(record);
            }
        }

        /// <summary>A record, or null for a blank line, a torn line or text that is not one.</summary>
        private static MigrationJournalRecord? ParseLine(string line)
        {
            if (line.Trim().Length == 0)
            {
                return null;
            }

            try
            {
                MigrationJournalRecord? record = JsonSerializer.Deserialize<MigrationJournalRecord>(line, JsonOptions);
                return record?.Status == null ? null : record;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        /// <summary>True for a removal record after which the user is no longer in Clerk.</summary>
        public static bool IsGone(MigrationJournalRecord record) =>
            string.Equals(record.Operation, RemoveOperation, StringComparison.Ordinal)
            && (string.Equals(record.Status, RemovedStatus, StringComparison.Ordinal) || string.Equals(record.Status, NotFoundStatus, StringComparison.Ordinal));

        private void Remember(MigrationJournalRecord record)
        {
            string? key = KeyOf(record.UserPoolId, record.ExternalId, record.CognitoUsername);
            if (key == null)
            {
                return;
            }

            if (record.Operation != null)
            {
                // A removal: the user the migration finished is gone again, so the next migration creates them.
                if (IsGone(record))
                {
                    _finished.Remove(key);
                }

                return;
            }

            if (Enum.TryParse(record.Status, ignoreCase: false, out MigrationStatus status) && IsFinished(status))
            {
                _finished[key] = new FinishedUser(status, record.ClerkUserId);
            }
        }

        private sealed class FinishedUser
        {
            internal FinishedUser(MigrationStatus status, string? clerkUserId)
            {
                Status = status;
                ClerkUserId = clerkUserId;
            }

            internal MigrationStatus Status { get; }

            internal string? ClerkUserId { get; }
        }
    }
}
