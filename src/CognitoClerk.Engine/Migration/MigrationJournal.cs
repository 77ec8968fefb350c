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
    /// Opened again by a later run, it tells which users an earlier run put in Clerk (Created or
    /// AlreadyMigrated): those are not created again, once the batched external_id lookup has confirmed that
    /// Clerk holds them.
    /// <para>
    /// Every record names the Clerk instance it is about (<see cref="BindInstance"/>). A record of another
    /// instance is never taken as finished: a journal written while rehearsing on a development instance,
    /// reused against production, migrates everyone to production. Journals written before records named their
    /// instance still open; their claims are confirmed like any other.
    /// </para>
    /// <para>
    /// The journal is an optimisation, not the safety net: a user whose record was lost (in flight at a
    /// crash, or the OS died before writing the page cache) has no record, goes through the external_id
    /// lookup on the next run and comes out AlreadyMigrated. That is why records are not fsync'ed: one
    /// fsync per user would serialise the whole run on the disk.
    /// </para>
    /// A user is identified by (pool, external_id), or by (pool, Cognito username) when the payload has no
    /// external_id; the latest record of a user wins (<see cref="JournalUserIndex"/>). Remove-ClerkMigratedUser
    /// appends its own records (operation "remove"); a Removed or NotFound one makes the user unfinished again, so
    /// the next migration with this journal creates them anew. Only one run may write a journal at a time (a sidecar
    /// <c>.lock</c> file, held exclusively while the journal is open; the OS releases it if the process dies).
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

        private const int MaxIgnoredLineNumbers = 5;

        private readonly List<int> _ignoredLineNumbers = new List<int>();

        private readonly object _gate = new object();
        private readonly JournalUserIndex _finished;
        private readonly Dictionary<string, int> _recordsByInstance = new Dictionary<string, int>(StringComparer.Ordinal);
        private FileStream? _stream;
        private FileStream? _lock;
        private bool _needsLeadingNewline;
        private bool _instanceBound;
        private string? _instanceId;

        private MigrationJournal(string path, bool readOnly, JournalKeyHasher? hash)
        {
            Path = path;
            IsReadOnly = readOnly;
            _finished = new JournalUserIndex(new JournalRecordReader(path), hash);
        }

        public string Path { get; }

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

        /// <summary>
        /// Unreadable lines that are not the last one. A crash can tear only the line being written, the last;
        /// one in the middle means the file was edited, damaged or written by something else: worth a warning.
        /// </summary>
        public int IgnoredLinesBeforeLast { get; private set; }

        /// <summary>1-based numbers of the first few unreadable lines, for the warning.</summary>
        public IReadOnlyList<int> IgnoredLineNumbers => _ignoredLineNumbers;

        /// <summary>Records read that name no instance (written before records named it, or when it could not be asked).</summary>
        public int RecordsWithoutInstance { get; private set; }

        /// <summary>
        /// The Clerk instance this run writes records for (null until bound, or when it is unknown). Setting it is
        /// <see cref="BindInstance"/>: claims recorded for another instance are then no claims.
        /// </summary>
        public string? InstanceId
        {
            get
            {
                lock (_gate)
                {
                    return _instanceId;
                }
            }

            set => BindInstance(value);
        }

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

        /// <summary>
        /// Names the Clerk instance this run talks to (GET /v1/instance's id; null when it could not be asked).
        /// From now on records are written with it, and claims recorded for another instance are not finished.
        /// </summary>
        public void BindInstance(string? instanceId)
        {
            lock (_gate)
            {
                _instanceId = string.IsNullOrEmpty(instanceId) ? null : instanceId;
                _instanceBound = true;
            }
        }

        /// <summary>Records read that were written for another Clerk instance than the bound one, per instance id.</summary>
        public IReadOnlyDictionary<string, int> RecordsOfOtherInstances()
        {
            lock (_gate)
            {
                var others = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (KeyValuePair<string, int> pair in _recordsByInstance)
                {
                    if (!string.Equals(pair.Key, _instanceId, StringComparison.Ordinal))
                    {
                        others[pair.Key] = pair.Value;
                    }
                }

                return others;
            }
        }

        /// <summary>
        /// The journal's claim that this user is in Clerk, if its latest record makes one for this instance (or
        /// names no instance). A claim of another instance is no claim. Confirm it before trusting it.
        /// </summary>
        public bool TryGetFinished(string? userPoolId, string? externalId, string? cognitoUsername, out JournalClaim? claim)
        {
            lock (_gate)
            {
                if (!_finished.TryGet(userPoolId, externalId, cognitoUsername, out claim))
                {
                    return false;
                }

                if (_instanceBound && claim!.InstanceId != null && !string.Equals(claim.InstanceId, _instanceId, StringComparison.Ordinal))
                {
                    claim = null;
                    return false;
                }

                return true;
            }
        }

        public bool TryGetFinished(MigrationWorkItem item, out JournalClaim? claim) =>
            TryGetFinished(item.UserPoolId, item.ExternalId, item.CognitoUsername, out claim);

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
                InstanceId = InstanceId,
                UserPoolId = outcome.Item.UserPoolId,
                CognitoUsername = outcome.Item.CognitoUsername,
                ExternalId = outcome.Item.ExternalId,
                Status = outcome.Status.ToString(),
                ClerkUserId = outcome.ClerkUserId,
                ConflictingClerkUserId = outcome.ConflictingClerkUserId,
                ErrorCode = outcome.ErrorCode,
                TraceId = outcome.TraceId,
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
            record.InstanceId ??= InstanceId;
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
            string folder = System.IO.Path.GetDirectoryName(fullPath) ?? fullPath;
            bool lockExisted = File.Exists(lockPath);
            try
            {
                // FileShare.None is an exclusive lock on Windows and an exclusive flock on Unix; the OS drops it when the process dies.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (DirectoryNotFoundException ex)
            {
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' cannot be created: the folder '{folder}' does not exist. Create the folder, or pass a -JournalPath in a folder that exists.", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' cannot be written: this account may not create files in '{folder}' ({ex.Message}). Pass a -JournalPath in a folder you can write to.", ex);
            }
            catch (IOException ex) when (IsLockConflict(ex, lockExisted))
            {
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' is in use by another run (lock file '{lockPath}'). Wait for that run to end; two runs must not share a journal.", ex);
            }
            catch (IOException ex)
            {
                throw new MigrationJournalException(fullPath, $"The journal '{fullPath}' cannot be written in '{folder}': {ex.Message}. If the folder is read-only (a read-only mount or share), pass a -JournalPath on a writable disk.", ex);
            }
        }

        /// <summary>
        /// Another process holds the lock: a sharing or lock violation on Windows; on Unix, a lock file that existed
        /// (the holder's, removed when it closes) and could not be locked. Anything else (a read-only file system,
        /// a full disk) is not "in use" and must not be reported as if waiting would help.
        /// </summary>
        internal static bool IsLockConflict(IOException ex, bool lockExisted)
        {
            const int SharingViolation = 32;
            const int LockViolation = 33;
            int code = ex.HResult & 0xFFFF;
            if (code == SharingViolation || code == LockViolation)
            {
                return true;
            }

            return lockExisted && !(ex is PathTooLongException) && !(ex is FileNotFoundException);
        }

        /// <summary>Reads every line from the start: counts records, unreadable lines and instances, and indexes finished users.</summary>
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
            var instances = new JournalInstanceTally(_recordsByInstance);
            using var lines = new JournalLineScanner(stream, start);
            int lineNumber = 0;
            int lastIgnored = 0;
            while (lines.TryReadLine(out ReadOnlySpan<byte> line, out long offset, out bool tooLong))
            {
                lineNumber++;
                if (!tooLong && IsBlank(line))
                {
                    continue;
                }

                if (tooLong || !parser.TryParse(line, out JournalLine record))
                {
                    IgnoredLines++;
                    lastIgnored = lineNumber;
                    if (_ignoredLineNumbers.Count < MaxIgnoredLineNumbers)
                    {
                        _ignoredLineNumbers.Add(lineNumber);
                    }

                    continue;
                }

                RecordsRead++;
                if (record.HasInstanceId)
                {
                    instances.Add(record.InstanceId);
                }
                else
                {
                    RecordsWithoutInstance++;
                }

                _finished.Apply(record, offset);
            }

            instances.Flush();

            // Only the very last line can be torn by a crash mid-write.
            IgnoredLinesBeforeLast = IgnoredLines - (lastIgnored == lineNumber && lastIgnored > 0 ? 1 : 0);
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
