using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Creates Clerk users concurrently, idempotently and resumably, with no PowerShell in sight.
    /// <para>
    /// The caller (the cmdlet's pipeline thread) posts users with <see cref="TryPost"/> while its input
    /// streams in, and takes outcomes with <see cref="TryTakeOutcome(TimeSpan, CancellationToken, out MigrationOutcome?)"/>
    /// on the same thread, so every Write* stays there. <see cref="TryPost"/> refuses once
    /// <see cref="MigrationRunnerOptions.MaxPending"/> users are accepted and not yet taken back: the caller
    /// then takes outcomes until there is room again (back-pressure, flat memory). Outcomes come in
    /// completion order, one per posted user.
    /// </para>
    /// <see cref="MigrationRunnerOptions.ThrottleLimit"/> workers each make one request at a time, and take a
    /// waiting lookup batch before any waiting create: a lookup queued behind hundreds of creates would let
    /// the creates run dry before the next batch is known, and the rate limit would go unused meanwhile.
    /// <para>
    /// For each user: a payload that cannot be sent safely (no external_id, a digest naming nobody Cognito can
    /// sign in) is a per-user error without a call (<see cref="DigestPayloadCheck"/>). Every other user's
    /// external_id is looked up in batches of up to 100 (found = AlreadyMigrated); otherwise it is created.
    /// A user the journal of an earlier run claims as finished goes through the same lookup: confirmed, it is
    /// AlreadyMigrated from the journal; not in Clerk, it is created, so a stale, forged or other instance's
    /// line can never hide a missing user. A create refused as a duplicate, or whose answer never arrived or
    /// did not name the user, is settled by looking the user up: our external_id in Clerk = AlreadyMigrated,
    /// the email/phone held by someone else = Conflict. A Clerk user that holds our external_id but was
    /// migrated from another Cognito user (two users with one sub) is a Conflict too, never a match.
    /// </para>
    /// </summary>
    public sealed class MigrationRunner : IDisposable
    {
        private const string FormIdentifierExists = "form_identifier_exists";
        private const string UserQuotaExceeded = "user_quota_exceeded";

        private readonly IClerkBackendApi _api;
        private readonly MigrationRunnerOptions _options;
        private readonly MigrationJournal? _journal;
        private readonly CancellationTokenSource _stop;
        private readonly ConcurrentQueue<List<MigrationWorkItem>> _lookups = new ConcurrentQueue<List<MigrationWorkItem>>();
        private readonly ConcurrentQueue<MigrationWorkItem> _creates = new ConcurrentQueue<MigrationWorkItem>();
        private readonly SemaphoreSlim _jobs = new SemaphoreSlim(0, int.MaxValue);
        private readonly Task[] _workers;
        private readonly OutcomeQueue<MigrationOutcome> _queue;
        private readonly object _batchGate = new object();
        private readonly Timer _lingerTimer;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private List<MigrationWorkItem> _batch;
        private int _sendBacklog;
        private int _posted;
        private int _completed;
        private int _created;
        private int _alreadyMigrated;
        private int _alreadyExists;
        private int _conflict;
        private int _failed;
        private int _fromJournal;
        private int _lookupCalls;
        private int _createCalls;
        private int _journalConfirmed;
        private int _journalUnconfirmed;

        public MigrationRunner(IClerkBackendApi api, MigrationRunnerOptions? options = null, CancellationToken cancellationToken = default)
        {
            _api = api ?? throw new ArgumentNullException(nameof(api));
            _options = options ?? new MigrationRunnerOptions();
            _journal = _options.Journal;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _queue = new OutcomeQueue<MigrationOutcome>(_options.MaxPending);
            _batch = new List<MigrationWorkItem>(_options.LookupBatchSize);
            _lingerTimer = new Timer(_ => FlushBatchIfCreatesStarve(), null, Timeout.Infinite, Timeout.Infinite);

            // One worker per request slot, each with one request at a time: ThrottleLimit bounds what is in flight.
            _workers = new Task[_options.ThrottleLimit];
            for (int i = 0; i < _workers.Length; i++)
            {
                _workers[i] = Task.Run(WorkAsync);
            }
        }

        /// <summary>True once input is complete and every outcome has been taken.</summary>
        public bool IsFinished => _queue.IsFinished;

        /// <summary>
        /// Accepts a user, or returns false when <see cref="MigrationRunnerOptions.MaxPending"/> users are
        /// pending (take outcomes, then post again) or the run has stopped (taking outcomes then throws).
        /// Never blocks.
        /// </summary>
        public bool TryPost(MigrationWorkItem item)
        {
            if (item == null)
            {
                throw new ArgumentNullException(nameof(item));
            }

            if (_queue.IsComplete)
            {
                throw new InvalidOperationException("Complete() was called: no more users can be posted.");
            }

            if (_stop.IsCancellationRequested || !_queue.TryAdmit())
            {
                return false;
            }

            Interlocked.Increment(ref _posted);

            MigrationSkip? unsendable = DigestPayloadCheck.Check(item.Request, $"Cognito user '{item.DisplayName}'");
            if (unsendable != null)
            {
                // Never sent, so never retried: a payload without external_id could not be found again after a lost answer.
                Finish(new MigrationOutcome(item, MigrationStatus.Skipped) { ErrorId = unsendable.ErrorId, Reason = unsendable.Reason });
                return true;
            }

            if (_journal != null && _journal.TryGetFinished(item, out JournalClaim? claim))
            {
                // A claim, not a fact: the batched lookup below confirms it before anyone is told the user is migrated.
                item.JournalClaim = claim;
            }

            List<MigrationWorkItem>? full = null;
            lock (_batchGate)
            {
                _batch.Add(item);
                if (_batch.Count >= _options.LookupBatchSize)
                {
                    full = _batch;
                    _batch = new List<MigrationWorkItem>(_options.LookupBatchSize);
                    SetLingerTimer(running: false);
                }
                else if (_batch.Count == 1)
                {
                    // Under the lock, so a tick that found the batch empty cannot stop the timer after this start.
                    SetLingerTimer(running: true);
                }
            }

            if (full != null)
            {
                StartLookup(full);
            }

            return true;
        }

        /// <summary>No more users will be posted: partly filled lookup batches go out now.</summary>
        public void Complete()
        {
            _queue.Complete();
            FlushBatch();
        }

        /// <summary>Takes an outcome if one is ready; never blocks.</summary>
        /// <exception cref="MigrationAbortedException">The run stopped (rejected key, quota, journal) and every known outcome was taken.</exception>
        public bool TryTakeOutcome(out MigrationOutcome? outcome) =>
            TryTakeOutcome(TimeSpan.Zero, CancellationToken.None, out outcome);

        /// <summary>
        /// Waits up to <paramref name="timeout"/> for the next outcome. False on timeout or when the run is
        /// finished (<see cref="IsFinished"/>); callers wake up regularly this way to update progress.
        /// </summary>
        /// <exception cref="MigrationAbortedException">The run stopped (rejected key, quota, journal) and every known outcome was taken.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        public bool TryTakeOutcome(TimeSpan timeout, CancellationToken cancellationToken, out MigrationOutcome? outcome) =>
            _queue.TryTake(timeout, cancellationToken, out outcome);

        /// <summary>Counters so far.</summary>
        public MigrationProgress GetProgress()
        {
            return new MigrationProgress
            {
                Posted = Volatile.Read(ref _posted),
                Completed = Volatile.Read(ref _completed),
                Created = Volatile.Read(ref _created),
                AlreadyMigrated = Volatile.Read(ref _alreadyMigrated),
                AlreadyExists = Volatile.Read(ref _alreadyExists),
                Conflict = Volatile.Read(ref _conflict),
                Failed = Volatile.Read(ref _failed),
                FromJournal = Volatile.Read(ref _fromJournal),
                JournalConfirmed = Volatile.Read(ref _journalConfirmed),
                JournalUnconfirmed = Volatile.Read(ref _journalUnconfirmed),
                LookupCalls = Volatile.Read(ref _lookupCalls),
                CreateCalls = Volatile.Read(ref _createCalls),
                Elapsed = _clock.Elapsed,
            };
        }

        /// <summary>
        /// Cancels whatever is in flight and waits (up to <see cref="MigrationRunnerOptions.ShutdownTimeout"/>)
        /// for it to unwind. Outcomes already known are in the journal: they were written when they became known.
        /// </summary>
        public void Dispose()
        {
            _stop.Cancel();
            _lingerTimer.Dispose();
            bool unwound = Task.WaitAll(_workers, _options.ShutdownTimeout);
            if (unwound)
            {
                // Left undisposed otherwise: a straggler may still read its token.
                _stop.Dispose();
            }
        }

        private static bool IsRunFatal(Exception ex) =>
            ex is ClerkApiException api && (api.IsAuthenticationFailure || string.Equals(api.Code, UserQuotaExceeded, StringComparison.Ordinal));

        private static bool IsDuplicate(ClerkApiException ex) =>
            ex.StatusCode == 422 && string.Equals(ex.Code, FormIdentifierExists, StringComparison.Ordinal);

        /// <summary>A 4xx answer is Clerk's decision about this user; 429, 408 and 5xx are about the moment, and the user may have been stored.</summary>
        private static bool IsDefiniteRejection(ClerkApiException ex) =>
            ex.StatusCode >= 400 && ex.StatusCode < 500 && ex.StatusCode != 429 && ex.StatusCode != 408;

        /// <summary>
        /// Clerk holds a user with this item's external_id: the same person (AlreadyMigrated, from the journal when
        /// it claimed so) or, when that Clerk user was migrated from another Cognito user, a Conflict.
        /// </summary>
        private MigrationOutcome Settle(MigrationWorkItem item, ClerkUser existing, string how)
        {
            if (CognitoOrigin.IsSomeoneElse(item.Request, existing, out string? ourUsername))
            {
                string pool = existing.CognitoUserPoolId == null ? string.Empty : $" of pool {ConsoleText.Escape(existing.CognitoUserPoolId)}";
                return new MigrationOutcome(item, MigrationStatus.Conflict)
                {
                    ConflictingClerkUserId = existing.Id,
                    ErrorId = MigrationErrorIds.SubConflict,
                    Reason = $"Cognito user {ConsoleText.Quote(ourUsername)} has the sub {ConsoleText.Escape(item.ExternalId)}, but Clerk user {ConsoleText.Escape(existing.Id)} " +
                        $"with that external_id was migrated from Cognito user {ConsoleText.Quote(existing.CognitoUsername)}{pool}. Two Cognito users " +
                        "cannot share a sub; linking this one to that account would leave one of them unable to sign in, so it is not migrated.",
                };
            }

            var outcome = new MigrationOutcome(item, MigrationStatus.AlreadyMigrated) { ClerkUserId = existing.Id };
            if (item.JournalClaim != null)
            {
                Interlocked.Increment(ref _journalConfirmed);
                outcome.FromJournal = true;
                outcome.Reason = $"Finished in an earlier run (journal), and Clerk holds it: user {ConsoleText.Escape(existing.Id)} with external_id {ConsoleText.Escape(item.ExternalId)}; not created again.";
            }
            else
            {
                outcome.Reason = $"Clerk already has user {ConsoleText.Escape(existing.Id)} with external_id {ConsoleText.Escape(item.ExternalId)}{how}.";
            }

            return outcome;
        }

        private static ClerkUser? Owner(IEnumerable<ClerkUser> users, string? externalId) =>
            externalId == null ? null : users.FirstOrDefault(u => string.Equals(u.ExternalId, externalId, StringComparison.Ordinal));

        private static string SharedIdentifiers(MigrationWorkItem item, ClerkUser holder)
        {
            var shared = new List<string>();
            if (item.Request.EmailAddress != null)
            {
                shared.AddRange(item.Request.EmailAddress.Where(e => holder.EmailAddresses.Contains(e, StringComparer.OrdinalIgnoreCase)));
            }

            if (item.Request.PhoneNumber != null)
            {
                shared.AddRange(item.Request.PhoneNumber.Where(p => holder.PhoneNumbers.Contains(p, StringComparer.Ordinal)));
            }

            return shared.Count > 0 ? string.Join(", ", shared.Select(v => ConsoleText.Escape(v))) : "an identifier";
        }

        private async Task WorkAsync()
        {
            CancellationToken token = _stop.Token;
            while (!token.IsCancellationRequested)
            {
                try
                {
                    await _jobs.WaitAsync(token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                // Every release of _jobs stands for one queued job; lookups first.
                if (_lookups.TryDequeue(out List<MigrationWorkItem>? batch))
                {
                    await DoAsync(() => LookupAsync(batch), batch.Count).ConfigureAwait(false);
                }
                else if (_creates.TryDequeue(out MigrationWorkItem? item))
                {
                    await DoAsync(() => CreateAsync(item), 1).ConfigureAwait(false);
                }
            }
        }

        private async Task DoAsync(Func<Task> job, int users)
        {
            try
            {
                await job().ConfigureAwait(false);
            }
            catch (Exception ex) when (IsStopping(ex))
            {
                // Stopped: these users have no outcome, and the caller is no longer waiting for one.
            }
            catch (Exception ex)
            {
                // A rejected key, the quota, or a bug: stop rather than leave the caller waiting for an outcome that will never come.
                SetFatal(ex);
            }
            finally
            {
                Interlocked.Add(ref _sendBacklog, -users);
            }
        }

        private bool IsStopping(Exception ex) => ex is OperationCanceledException && _stop.IsCancellationRequested;

        /// <summary>Errors that end this user's attempt only (not the run, not a stop).</summary>
        private bool IsUserLevel(Exception ex) => !IsStopping(ex) && !IsRunFatal(ex);

        private void SetFatal(Exception ex)
        {
            if (_queue.Fail(ex))
            {
                _stop.Cancel();
            }
        }

        private void FlushBatch()
        {
            List<MigrationWorkItem>? batch = null;
            lock (_batchGate)
            {
                if (_batch.Count > 0)
                {
                    batch = _batch;
                    _batch = new List<MigrationWorkItem>(_options.LookupBatchSize);
                }

                SetLingerTimer(running: false);
            }

            if (batch != null)
            {
                StartLookup(batch);
            }
        }

        /// <summary>
        /// A partly filled batch waits for more users while Clerk is busy: under back-pressure input arrives
        /// only as fast as Clerk answers, so flushing on a timer alone would send batches of a few users and
        /// spend a tenth of the rate limit on lookups. It goes out as soon as fewer users are being looked up,
        /// queued for a create or in flight than there are request slots, so no slot waits for it.
        /// </summary>
        private void FlushBatchIfCreatesStarve()
        {
            if (_queue.IsComplete || Volatile.Read(ref _sendBacklog) < _options.ThrottleLimit)
            {
                FlushBatch();
                return;
            }

            lock (_batchGate)
            {
                if (_batch.Count == 0)
                {
                    SetLingerTimer(running: false);
                }
            }
        }

        private void StartLookup(List<MigrationWorkItem> batch)
        {
            // Counted until each user of the batch is settled or handed on to its create (which counts it again).
            Interlocked.Add(ref _sendBacklog, batch.Count);
            _lookups.Enqueue(batch);
            _jobs.Release();
        }

        /// <summary>Ticks every <see cref="MigrationRunnerOptions.LookupLinger"/> while a batch is partly filled. Call under the batch lock.</summary>
        private void SetLingerTimer(bool running)
        {
            try
            {
                if (running)
                {
                    _lingerTimer.Change(_options.LookupLinger, _options.LookupLinger);
                }
                else
                {
                    _lingerTimer.Change(Timeout.Infinite, Timeout.Infinite);
                }
            }
            catch (ObjectDisposedException)
            {
                // Disposed: the run is over.
            }
        }

        private void EnqueueCreate(MigrationWorkItem item)
        {
            Interlocked.Increment(ref _sendBacklog);
            _creates.Enqueue(item);
            _jobs.Release();
        }

        /// <summary>A call on the worker's own request slot, cancelled with the run.</summary>
        private Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call) => call(_stop.Token);

        private Task<IReadOnlyList<ClerkUser>> FindByExternalIdAsync(IReadOnlyCollection<string> externalIds)
        {
            return CallAsync(token =>
            {
                Interlocked.Increment(ref _lookupCalls);
                return _api.FindUsersByExternalIdAsync(externalIds, token);
            });
        }

        private async Task LookupAsync(List<MigrationWorkItem> batch)
        {
            var ids = batch.Select(i => i.ExternalId!).Distinct(StringComparer.Ordinal).ToList();
            IReadOnlyList<ClerkUser> found;
            try
            {
                found = await FindByExternalIdAsync(ids).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUserLevel(ex))
            {
                // Still failing after the client's retries. Creating anyway is safe: external_id, email and
                // phone are unique in Clerk, so an existing user answers 422 and is settled by ResolveDuplicateAsync.
                found = Array.Empty<ClerkUser>();
            }

            var byExternalId = new Dictionary<string, ClerkUser>(StringComparer.Ordinal);
            foreach (ClerkUser user in found)
            {
                if (!string.IsNullOrEmpty(user.ExternalId) && !byExternalId.ContainsKey(user.ExternalId!))
                {
                    byExternalId.Add(user.ExternalId!, user);
                }
            }

            Dictionary<string, ClerkUser> claimedById = await FindClaimedUsersAsync(batch, byExternalId).ConfigureAwait(false);
            foreach (MigrationWorkItem item in batch)
            {
                if (byExternalId.TryGetValue(item.ExternalId!, out ClerkUser? existing))
                {
                    Finish(Settle(item, existing, string.Empty));
                }
                else if (item.JournalClaim?.ClerkUserId != null && claimedById.TryGetValue(item.JournalClaim.ClerkUserId!, out ClerkUser? claimed))
                {
                    // The user the journal names is still there, only no longer under this external_id (the application
                    // re-keyed it): the person is in Clerk, and a second account would be wrong.
                    Interlocked.Increment(ref _journalConfirmed);
                    Finish(new MigrationOutcome(item, MigrationStatus.AlreadyMigrated)
                    {
                        ClerkUserId = claimed.Id,
                        FromJournal = true,
                        Reason = $"Finished in an earlier run (journal), and Clerk still holds user {ConsoleText.Escape(claimed.Id)}, though no longer " +
                            $"with external_id {ConsoleText.Escape(item.ExternalId)} (changed since); not created again.",
                    });
                }
                else
                {
                    if (item.JournalClaim != null)
                    {
                        // The journal said finished, Clerk says no (another instance, a user deleted since, a forged line): create.
                        Interlocked.Increment(ref _journalUnconfirmed);
                    }

                    EnqueueCreate(item);
                }
            }
        }

        /// <summary>
        /// For journal claims the external_id lookup did not confirm: the Clerk users the claims name, by id, in one
        /// call (none when every claim was confirmed, the usual case). A user counts only if it was not migrated from
        /// another Cognito user, so a line naming someone else's id cannot hide a missing user.
        /// </summary>
        private async Task<Dictionary<string, ClerkUser>> FindClaimedUsersAsync(List<MigrationWorkItem> batch, Dictionary<string, ClerkUser> byExternalId)
        {
            var claimed = new Dictionary<string, ClerkUser>(StringComparer.Ordinal);
            var unconfirmed = batch
                .Where(i => i.JournalClaim?.ClerkUserId != null && !byExternalId.ContainsKey(i.ExternalId!))
                .ToList();
            if (unconfirmed.Count == 0)
            {
                return claimed;
            }

            IReadOnlyList<ClerkUser> users;
            try
            {
                users = await CallAsync(token =>
                {
                    Interlocked.Increment(ref _lookupCalls);
                    return _api.FindUsersByIdAsync(unconfirmed.Select(i => i.JournalClaim!.ClerkUserId!).Distinct(StringComparer.Ordinal).ToList(), token);
                }).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUserLevel(ex))
            {
                // Unconfirmed then: the create that follows is settled by Clerk's uniqueness like any other.
                return claimed;
            }

            foreach (MigrationWorkItem item in unconfirmed)
            {
                ClerkUser? user = users.FirstOrDefault(u => string.Equals(u.Id, item.JournalClaim!.ClerkUserId, StringComparison.Ordinal));
                if (user != null && user.CognitoUsername != null && !CognitoOrigin.IsSomeoneElse(item.Request, user, out _))
                {
                    claimed[user.Id] = user;
                }
            }

            return claimed;
        }

        private async Task CreateAsync(MigrationWorkItem item)
        {
            ClerkUser created;
            try
            {
                created = await CallAsync(token =>
                {
                    Interlocked.Increment(ref _createCalls);
                    return _api.CreateUserAsync(item.Request, token);
                }).ConfigureAwait(false);
            }
            catch (ClerkApiException ex) when (IsUserLevel(ex) && IsDuplicate(ex))
            {
                Finish(await ResolveDuplicateAsync(item, ex).ConfigureAwait(false));
                return;
            }
            catch (ClerkApiException ex) when (IsUserLevel(ex) && IsDefiniteRejection(ex))
            {
                Finish(new MigrationOutcome(item, MigrationStatus.Failed)
                {
                    ErrorId = MigrationErrorIds.UserRejected,
                    ErrorCode = ex.Code,
                    HttpStatus = ex.StatusCode,
                    TraceId = ex.TraceId,
                    Reason = ex.Message,
                    Exception = ex,
                });
                return;
            }
            catch (Exception ex) when (IsUserLevel(ex))
            {
                Finish(await ResolveUncertainCreateAsync(item, ex).ConfigureAwait(false));
                return;
            }

            if (created.ExternalId != null && !string.Equals(created.ExternalId, item.ExternalId, StringComparison.Ordinal))
            {
                // A success naming someone else is no answer about this user: settle it by looking them up.
                Finish(await ResolveUncertainCreateAsync(item, new ClerkApiException(
                    200,
                    "response_other_user",
                    $"The answer to POST /v1/users is user {ConsoleText.Escape(created.Id)} with external_id {ConsoleText.Escape(created.ExternalId)}, not {ConsoleText.Escape(item.ExternalId)}.",
                    null,
                    null,
                    null)).ConfigureAwait(false));
                return;
            }

            Finish(new MigrationOutcome(item, MigrationStatus.Created)
            {
                ClerkUserId = created.Id,
                Reason = item.JournalClaim == null
                    ? null
                    : "The journal of an earlier run said this user was finished, but Clerk held no user with this external_id (another instance, or deleted since): created now.",
            });
        }

        /// <summary>
        /// The Clerk user that carries this item's external_id, if any: the one question both uncertain outcomes
        /// (a lost create answer, a 422 duplicate) ask first. A lookup that fails for this user only is returned,
        /// not thrown, so the caller can still report the original problem.
        /// </summary>
        private async Task<(ClerkUser? Mine, Exception? LookupFailure)> FindOwnUserAsync(MigrationWorkItem item)
        {
            if (item.ExternalId == null)
            {
                return (null, null);
            }

            try
            {
                IReadOnlyList<ClerkUser> users = await FindByExternalIdAsync(new[] { item.ExternalId }).ConfigureAwait(false);
                return (Owner(users, item.ExternalId), null);
            }
            catch (Exception ex) when (IsUserLevel(ex))
            {
                return (null, ex);
            }
        }

        /// <summary>
        /// The create still failed after the client's retries (5xx, dropped connection, timeout): Clerk may have
        /// stored the user before the answer was lost. Look before calling it a failure.
        /// </summary>
        private async Task<MigrationOutcome> ResolveUncertainCreateAsync(MigrationWorkItem item, Exception failure)
        {
            // If the lookup fails too, Clerk is still unreachable: report the create's own failure; a re-run settles it.
            (ClerkUser? mine, _) = await FindOwnUserAsync(item).ConfigureAwait(false);
            var api = failure as ClerkApiException;
            bool answeredWithoutUser = api != null && api.StatusCode >= 200 && api.StatusCode <= 299;
            if (mine != null)
            {
                return Settle(item, mine, answeredWithoutUser
                    ? " (stored by this run although the create's answer did not name the user)"
                    : " (stored by this run although the create's answer was lost)");
            }

            return new MigrationOutcome(item, MigrationStatus.Failed)
            {
                ErrorId = answeredWithoutUser ? MigrationErrorIds.ResponseUnreadable : MigrationErrorIds.RequestFailed,
                ErrorCode = api?.Code,
                HttpStatus = api?.StatusCode,
                TraceId = api?.TraceId,
                Reason = answeredWithoutUser
                    ? $"Clerk's answer to the create did not say which user it is ({failure.Message}), and Clerk holds no user with external_id {ConsoleText.Escape(item.ExternalId)}: the user was not created."
                    : "The create request still failed after its retries: " + failure.Message,
                Exception = failure,
            };
        }

        /// <summary>
        /// 422 form_identifier_exists: whose identifier is it? Ours (a retried create whose first answer was
        /// lost, the same user twice in the input, an earlier run) = AlreadyMigrated; someone else's = Conflict.
        /// </summary>
        private async Task<MigrationOutcome> ResolveDuplicateAsync(MigrationWorkItem item, ClerkApiException duplicate)
        {
            (ClerkUser? own, Exception? lookupFailure) = await FindOwnUserAsync(item).ConfigureAwait(false);
            if (own != null)
            {
                return Settle(item, own, " (found after Clerk answered form_identifier_exists)");
            }

            IReadOnlyCollection<string> emails = (IReadOnlyCollection<string>?)item.Request.EmailAddress?.ToList() ?? Array.Empty<string>();
            IReadOnlyCollection<string> phones = (IReadOnlyCollection<string>?)item.Request.PhoneNumber?.ToList() ?? Array.Empty<string>();
            ClerkUser? holder = null;
            if (emails.Count + phones.Count > 0)
            {
                try
                {
                    IReadOnlyList<ClerkUser> holders = await CallAsync(token =>
                    {
                        Interlocked.Increment(ref _lookupCalls);
                        return _api.FindUsersByIdentifierAsync(emails, phones, token);
                    }).ConfigureAwait(false);

                    ClerkUser? mine = Owner(holders, item.ExternalId);
                    if (mine != null)
                    {
                        return Settle(item, mine, " (found by email/phone after Clerk answered form_identifier_exists)");
                    }

                    holder = holders.FirstOrDefault();
                }
                catch (Exception ex) when (IsUserLevel(ex))
                {
                    lookupFailure = ex;
                }
            }

            if (holder != null && item.ExternalId != null)
            {
                string theirs = string.IsNullOrEmpty(holder.ExternalId) ? "no external_id" : "external_id " + ConsoleText.Escape(holder.ExternalId);
                return new MigrationOutcome(item, MigrationStatus.Conflict)
                {
                    ConflictingClerkUserId = holder.Id,
                    ErrorId = MigrationErrorIds.IdentifierConflict,
                    ErrorCode = duplicate.Code,
                    HttpStatus = duplicate.StatusCode,
                    TraceId = duplicate.TraceId,
                    Reason = $"{SharedIdentifiers(item, holder)} of Cognito user '{item.DisplayName}' (external_id {ConsoleText.Escape(item.ExternalId)}) already belongs to Clerk user {ConsoleText.Escape(holder.Id)} ({theirs}).",
                    Exception = duplicate,
                };
            }

            string why = holder != null
                ? $"Clerk user {ConsoleText.Escape(holder.Id)} holds {SharedIdentifiers(item, holder)}, and this user has no external_id to tell whether it is the same person."
                : lookupFailure != null
                    ? "The lookup that would tell whose it is failed: " + lookupFailure.Message
                    : "No Clerk user with this external_id, email or phone number was found" + (duplicate.ParamName != null ? $"; the duplicate is {duplicate.ParamName}." : ".");
            return new MigrationOutcome(item, MigrationStatus.AlreadyExists)
            {
                ConflictingClerkUserId = holder?.Id,
                ErrorId = MigrationErrorIds.IdentifierExists,
                ErrorCode = duplicate.Code,
                HttpStatus = duplicate.StatusCode,
                TraceId = duplicate.TraceId,
                Reason = $"Clerk refused Cognito user '{item.DisplayName}' as a duplicate ({duplicate.ServiceMessage}). {why}",
                Exception = duplicate,
            };
        }

        /// <summary>Journal first, then hand out: an outcome the caller has seen is always on disk.</summary>
        private void Finish(MigrationOutcome outcome)
        {
            if (_journal != null && !outcome.FromJournal)
            {
                try
                {
                    _journal.Append(outcome);
                }
                catch (MigrationJournalException ex)
                {
                    SetFatal(ex);
                }
            }

            Count(outcome);

            Interlocked.Increment(ref _completed);
            _queue.Finish(outcome);
        }

        private void Count(MigrationOutcome outcome)
        {
            if (outcome.FromJournal)
            {
                Interlocked.Increment(ref _fromJournal);
            }

            switch (outcome.Status)
            {
                case MigrationStatus.Created:
                    Interlocked.Increment(ref _created);
                    break;
                case MigrationStatus.AlreadyMigrated:
                    Interlocked.Increment(ref _alreadyMigrated);
                    break;
                case MigrationStatus.AlreadyExists:
                    Interlocked.Increment(ref _alreadyExists);
                    break;
                case MigrationStatus.Conflict:
                    Interlocked.Increment(ref _conflict);
                    break;
                case MigrationStatus.Failed:
                    Interlocked.Increment(ref _failed);
                    break;
            }
        }
    }
}
