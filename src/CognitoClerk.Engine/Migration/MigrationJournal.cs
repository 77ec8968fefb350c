using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
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
    /// external_id; the latest record of a user that says whether they are in Clerk wins (<see cref="JournalUserIndex"/>).
    /// Remove-ClerkMigratedUser appends its own records (operation "remove"); a Removed or NotFound one makes the
    /// user unfinished again, so the next migration with this journal creates them anew. Only one run may write a
    /// journal at a time (a sidecar <c>.lock</c> file, held exclusively while the journal is open; the OS
    /// releases it if the process dies).
    /// <para>
    /// Opening reads the file once, line by line from pooled buffers, and keeps 16 bytes per finished user (a hash
    /// and the record's offset), not the records: a journal of a million users opens in about a second in a few
    /// tens of MB, and a user is looked up by reading their record again. The journal stays open for that, through
    /// a read-only handle that lets other processes write, move and delete the file.
    /// </para>
    /// </summary>
    public sealed class MigrationJournal : IDisposable
    {
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        private static readonly byte[] NewLine = { (byte)'\n' };

        private static readonly byte[] Utf8ByteOrderMark = { 0xEF, 0xBB, 0xBF };

        private readonly object _gate = new object();
        private readonly JournalUserIndex _finished;
        private FileStream? _stream;
        private FileStream? _lock;
        private bool _needsLeadingNewline;

        private MigrationJournal(string path, bool readOnly, JournalKeyHasher? hash)
        {
            Path = path;
            IsReadOnly = readOnly;
            _finished = new JournalUserIndex(new JournalRecordReader(path), hash);
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
        public static MigrationJournal Open(string path) => Open(path, hash: null);

        /// <summary>As <see cref="Open(string)"/>, with the index's key hash replaced (tests force collisions with it).</summary>
        internal static MigrationJournal Open(string path, JournalKeyHasher? hash)
        {
            string fullPath = System.IO.Path.GetFullPath(path);
            FileStream? lockFile = null;
            FileStream? stream = null;
            try
            {
                lockFile = AcquireLock(fullPath);
                stream = new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 4096, FileOptions.None);
                var journal = new MigrationJournal(fullPath, readOnly: false, hash) { _lock = lockFile, _stream = stream };
                try
                {
                    journal.ReadExisting(stream);
                    stream.Seek(0, SeekOrigin.End);
                    return journal;
                }
                catch
                {
                    journal.Dispose();
                    throw;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is System.Security.SecurityException)
            {
                stream?.Dispose();
                lockFile?.Dispose();
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' cannot be opened: {ex.Message}", ex);
            }
            catch
            {
                stream?.Dispose();
                lockFile?.Dispose();
                throw;
            }
        }

        /// <summary>Reads an existing journal without writing to it (what -WhatIf uses); null when there is none.</summary>
        public static MigrationJournal? OpenForReading(string path) => OpenForReading(path, hash: null);

        /// <summary>As <see cref="OpenForReading(string)"/>, with the index's key hash replaced.</summary>
        internal static MigrationJournal? OpenForReading(string path, JournalKeyHasher? hash)
        {
            string fullPath = System.IO.Path.GetFullPath(path);
            if (!File.Exists(fullPath))
            {
                return null;
            }

            MigrationJournal? journal = null;
            try
            {
                journal = new MigrationJournal(fullPath, readOnly: true, hash);
                using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
                journal.ReadExisting(stream);
                return journal;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                journal?.Dispose();
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' cannot be read: {ex.Message}", ex);
            }
            catch
            {
                journal?.Dispose();
                throw;
            }
        }

        /// <summary>The finished record for this user, if an earlier outcome put it in Clerk.</summary>
        public bool TryGetFinished(string? userPoolId, string? externalId, string? cognitoUsername, out MigrationJournalRecord? record)
        {
            lock (_gate)
            {
                return _finished.TryGet(userPoolId, externalId, cognitoUsername, out record);
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
        /// Every record of the journal file in order, read afresh from disk (lines that are not a record skipped, by
        /// the same rule as when the journal is opened). Streams: nothing is kept between records.
        /// </summary>
        /// <exception cref="MigrationJournalException">The file cannot be read.</exception>
        public IEnumerable<MigrationJournalRecord> ReadRecords() => ReadRecords(Path);

        /// <inheritdoc cref="ReadRecords()"/>
        public static IEnumerable<MigrationJournalRecord> ReadRecords(string path)
        {
            string fullPath = System.IO.Path.GetFullPath(path);
            FileStream stream;
            long start;
            try
            {
                stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' cannot be read: {ex.Message}", ex);
            }

            try
            {
                start = SkipByteOrderMark(stream, fullPath);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                stream.Dispose();
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' cannot be read: {ex.Message}", ex);
            }
            catch
            {
                stream.Dispose();
                throw;
            }

            using (stream)
            using (var lines = new JournalLineScanner(stream, start))
            {
                var parser = new JournalLineParser();
                while (TryReadRecord(lines, parser, out MigrationJournalRecord? record))
                {
                    yield return record!;
                }
            }
        }

        /// <summary>True for a removal record after which the user is no longer in Clerk.</summary>
        public static bool IsGone(MigrationJournalRecord record) =>
            string.Equals(record.Operation, RemoveOperation, StringComparison.Ordinal)
            && (string.Equals(record.Status, RemovedStatus, StringComparison.Ordinal) || string.Equals(record.Status, NotFoundStatus, StringComparison.Ordinal));

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

                long offset;
                try
                {
                    if (_needsLeadingNewline)
                    {
                        // The last run died mid-line: end that torn line so this record starts clean.
                        _stream.Write(NewLine, 0, 1);
                        _needsLeadingNewline = false;
                    }

                    offset = _stream.Position;
                    _stream.Write(line, 0, line.Length);
                    _stream.Write(NewLine, 0, 1);
                    _stream.Flush();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    throw new MigrationJournalException(Path, $"The journal '{Path}' cannot be written: {ex.Message}", ex);
                }

                // Read back as a later run will read it, so a record counts the same now and after a restart.
                _finished.Apply(line, offset);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _stream?.Dispose();
                _stream = null;
                _finished.Dispose();
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

        /// <summary>Reads every line from the start: counts records and unreadable lines, and indexes finished users.</summary>
        private void ReadExisting(FileStream stream)
        {
            if (stream.Length == 0)
            {
                return;
            }

            stream.Seek(-1, SeekOrigin.End);
            _needsLeadingNewline = stream.ReadByte() != '\n';
            stream.Seek(0, SeekOrigin.Begin);
            long start = SkipByteOrderMark(stream, Path);
            _finished.Reserve(EstimateRecords(stream, start));

            var parser = new JournalLineParser();
            using var lines = new JournalLineScanner(stream, start);
            while (lines.TryReadLine(out ReadOnlySpan<byte> line, out long offset, out bool tooLong))
            {
                if (!tooLong && IsBlank(line))
                {
                    continue;
                }

                if (tooLong || !parser.TryParse(line, out JournalLine record))
                {
                    IgnoredLines++;
                    continue;
                }

                RecordsRead++;
                _finished.Apply(record, offset);
            }
        }

        /// <summary>
        /// Past a UTF-8 byte order mark (an editor may add one). Journals are UTF-8: one saved as UTF-16 cannot be
        /// read line by line as bytes, nor appended to, so it is refused with the way out rather than half read.
        /// </summary>
        private static long SkipByteOrderMark(FileStream stream, string path)
        {
            var head = new byte[3];
            int read = stream.Read(head, 0, head.Length);
            if (read >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
            {
                throw new MigrationJournalException(path, $"The journal '{path}' is UTF-16 text (an editor or Out-File saved it so); journals are UTF-8. Save it as UTF-8, or pass a new -JournalPath.");
            }

            long start = read == 3 && head.AsSpan().SequenceEqual(Utf8ByteOrderMark) ? 3 : 0;
            stream.Seek(start, SeekOrigin.Begin);
            return start;
        }

        /// <summary>
        /// About how many records the file holds, from the length of the lines in its first 64 KB: the index is sized
        /// for that many users once, rather than growing its way there through arrays the GC frees only later. Most
        /// journals hold one record per user; one with many retries is sized for more users than it has, at 21 bytes
        /// a record (16 a slot, a quarter of the slots free).
        /// </summary>
        private static int EstimateRecords(FileStream stream, long start)
        {
            var head = new byte[1 << 16];
            int read = stream.Read(head, 0, head.Length);
            stream.Seek(start, SeekOrigin.Begin);
            int lines = 0;
            for (int i = 0; i < read; i++)
            {
                if (head[i] == (byte)'\n')
                {
                    lines++;
                }
            }

            // A tenth more: the first lines may be a little longer than the average ones.
            return lines == 0 ? 0 : (int)Math.Min(int.MaxValue / 4, (stream.Length - start) * lines / read * 11 / 10);
        }

        /// <summary>The next record of <paramref name="lines"/>, whole; false at the end of the file.</summary>
        private static bool TryReadRecord(JournalLineScanner lines, JournalLineParser parser, out MigrationJournalRecord? record)
        {
            record = null;
            while (lines.TryReadLine(out ReadOnlySpan<byte> line, out _, out bool tooLong))
            {
                if (tooLong || IsBlank(line) || !parser.TryParse(line, out _))
                {
                    continue;
                }

                try
                {
                    record = JsonSerializer.Deserialize<MigrationJournalRecord>(line, JsonOptions);
                }
                catch (JsonException)
                {
                    // The parser's rule is the serializer's; should they ever differ on a line, it is not a record.
                }

                if (record != null)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsBlank(ReadOnlySpan<byte> line)
        {
            foreach (byte b in line)
            {
                if (b != (byte)' ' && b != (byte)'\t' && b != (byte)'\r' && b != (byte)'\v' && b != (byte)'\f')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
