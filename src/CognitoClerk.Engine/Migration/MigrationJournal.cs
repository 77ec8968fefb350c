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
    /// the next migration with this journal creates them anew. Only one run may write a journal at a time (a sidecar <c>.lock</c> file, held exclusively while the journal is open; the OS
    /// releases it if the process dies).
    /// </summary>
    public sealed class MigrationJournal : IDisposable
    {
        private static readonly JsonSerializerOptions JsonOptions = new JsonSerializerOptions
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        private static readonly byte[] NewLine = { (byte)'\n' };

        private const int MaxIgnoredLineNumbers = 5;

        private readonly List<int> _ignoredLineNumbers = new List<int>();

        private readonly object _gate = new object();
        private readonly JournalUserIndex _finished = new JournalUserIndex();
        private readonly Dictionary<string, int> _recordsByInstance = new Dictionary<string, int>(StringComparer.Ordinal);
        private FileStream? _stream;
        private FileStream? _lock;
        private bool _needsLeadingNewline;
        private bool _instanceBound;
        private string? _instanceId;

        private MigrationJournal(string path, bool readOnly)
        {
            Path = path;
            IsReadOnly = readOnly;
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

                _finished.Apply(record);
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
            int lineNumber = 0;
            int lastIgnored = 0;
            while ((line = reader.ReadLine()) != null)
            {
                lineNumber++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                MigrationJournalRecord? record = ParseLine(line);
                if (record == null)
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
                if (record.InstanceId == null)
                {
                    RecordsWithoutInstance++;
                }
                else
                {
                    _recordsByInstance.TryGetValue(record.InstanceId, out int count);
                    _recordsByInstance[record.InstanceId] = count + 1;
                }

                _finished.Apply(record);
            }

            // Only the very last line can be torn by a crash mid-write.
            IgnoredLinesBeforeLast = IgnoredLines - (lastIgnored == lineNumber && lastIgnored > 0 ? 1 : 0);
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
    }
}
