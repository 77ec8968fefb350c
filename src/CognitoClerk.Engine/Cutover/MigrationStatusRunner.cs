using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// Reads where each Cognito user stands in Clerk, with no PowerShell in sight and flat memory: the caller
    /// posts users as they stream in (<see cref="TryPost"/>) and takes entries back on the same thread, in
    /// completion order, one per user. Users are looked up by external_id (their sub) in batches of up to 100,
    /// <see cref="MigrationStatusOptions.ThrottleLimit"/> batches at a time, each call paced by the instance's shared
    /// limiter like every other Clerk call of the process. Per user: found in Clerk → AwaitingFirstSignIn or
    /// SignedIn, with the fields that differ from the mapping's profile of them today; not found → NotMigrated or
    /// CannotMigrate as the mapping decides.
    /// </summary>
    public sealed class MigrationStatusRunner : IDisposable
    {
        private readonly IClerkBackendApi _api;
        private readonly MigrationStatusOptions _options;
        private readonly BackgroundJobs _jobs;
        private readonly OutcomeQueue<MigrationStatusEntry> _entries;
        private readonly SemaphoreSlim _slots;
        private readonly object _batchGate = new object();
        private readonly Timer _linger;
        private List<Pending> _batch = new List<Pending>();
        private int _lookupCalls;
        private int _posted;

        public MigrationStatusRunner(IClerkBackendApi api, MigrationStatusOptions options, CancellationToken cancellationToken = default)
        {
            _api = api ?? throw new ArgumentNullException(nameof(api));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _jobs = new BackgroundJobs(cancellationToken);
            _entries = new OutcomeQueue<MigrationStatusEntry>(options.MaxPending);
            _slots = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
            _linger = new Timer(_ => FlushBatch(), null, Timeout.Infinite, Timeout.Infinite);
        }

        /// <summary>True once input is complete and every entry has been taken.</summary>
        public bool IsFinished => _entries.IsFinished;

        /// <summary>GET /v1/users?external_id= calls made so far.</summary>
        public int LookupCalls => Volatile.Read(ref _lookupCalls);

        public int Posted => Volatile.Read(ref _posted);

        /// <summary>
        /// Accepts a user, or returns false when <see cref="MigrationStatusOptions.MaxPending"/> users are pending (take
        /// entries, then post again) or the run has stopped (taking entries then throws). Never blocks.
        /// </summary>
        /// <param name="input">The caller's own object, handed back in <see cref="MigrationStatusEntry.Input"/>.</param>
        public bool TryPost(CognitoUser user, object? input = null)
        {
            if (user == null)
            {
                throw new ArgumentNullException(nameof(user));
            }

            if (_jobs.IsStopping || !_entries.TryAdmit())
            {
                return false;
            }

            Interlocked.Increment(ref _posted);
            var pending = new Pending(user, input, _options.Digest);
            string? sub = pending.Sub;
            if (sub == null)
            {
                // Nothing to look a user up by, and nothing Clerk could hold for them: the mapping says why.
                _entries.Finish(NotInClerk(pending));
                return true;
            }

            _options.PoolSubs?.Add(sub);
            List<Pending>? full = null;
            lock (_batchGate)
            {
                _batch.Add(pending);
                if (_batch.Count >= MigrationRunnerOptions.MaxLookupBatchSize)
                {
                    full = TakeBatch();
                }
                else if (_batch.Count == 1)
                {
                    _linger.Change(_options.LookupLinger, Timeout.InfiniteTimeSpan);
                }
            }

            if (full != null)
            {
                StartLookup(full);
            }

            return true;
        }

        /// <summary>No more users will be posted: a partly filled batch goes out now.</summary>
        public void Complete()
        {
            FlushBatch();
            _entries.Complete();
        }

        /// <summary>Waits up to <paramref name="timeout"/> for the next entry; false on timeout or when finished.</summary>
        /// <exception cref="MigrationAbortedException">The run stopped (a rejected key) and every entry known before was taken.</exception>
        public bool TryTakeEntry(TimeSpan timeout, CancellationToken cancellationToken, out MigrationStatusEntry? entry) =>
            _entries.TryTake(timeout, cancellationToken, out entry);

        public void Dispose()
        {
            _linger.Dispose();
            _jobs.Stop(_options.ShutdownTimeout);
        }

        private static MigrationStatusEntry Entry(Pending pending, MigrationState state) => new MigrationStatusEntry
        {
            Username = pending.User.Username,
            UserPoolId = pending.UserPoolId,
            ExternalId = pending.Sub,
            State = state,
            CognitoEnabled = pending.User.Enabled,
            CognitoUser = pending.User,
            Input = pending.Input,
        };

        /// <summary>Not in Clerk: the mapping decides whether they can be migrated (mapped only now, for users Clerk does not hold).</summary>
        private MigrationStatusEntry NotInClerk(Pending pending)
        {
            DigestResult digest = CognitoDigestMapper.Map(pending.User, _options.Digest);
            if (digest.IsMigratable)
            {
                return Entry(pending, MigrationState.NotMigrated);
            }

            MigrationStatusEntry entry = Entry(pending, MigrationState.CannotMigrate);
            entry.Reason = digest.Skip!.ErrorId;
            return entry;
        }

        private MigrationStatusEntry InClerk(Pending pending, ClerkUser clerk)
        {
            MigrationStatusEntry entry = Entry(pending, clerk.LastSignInAt.HasValue ? MigrationState.SignedIn : MigrationState.AwaitingFirstSignIn);
            entry.ClerkUserId = clerk.Id;
            entry.LastSignInAt = clerk.LastSignInAt;
            entry.ClerkBanned = clerk.Banned;
            entry.ClerkLocked = clerk.Locked;
            entry.ModuleRestriction = AccessRecordReader.RestrictionOf(clerk);
            ClerkCreateUserRequest? profile = CognitoDigestMapper.MapProfile(pending.User, _options.Digest);
            if (profile != null)
            {
                entry.Differences = ProfileDrift.Between(profile, clerk, ProfileDrift.UnreadGroups(pending.User, _options.Digest));
            }

            if (_options.PoolSubs != null && CognitoOrigin.IsFrom(clerk, _options.UserPoolId))
            {
                _options.PoolSubs.MarkFound(pending.Sub!);
            }

            return entry;
        }

        private List<Pending> TakeBatch()
        {
            List<Pending> batch = _batch;
            _batch = new List<Pending>();
            _linger.Change(Timeout.Infinite, Timeout.Infinite);
            return batch;
        }

        private void FlushBatch()
        {
            List<Pending>? batch = null;
            lock (_batchGate)
            {
                if (_batch.Count > 0)
                {
                    batch = TakeBatch();
                }
            }

            if (batch != null)
            {
                StartLookup(batch);
            }
        }

        private void StartLookup(List<Pending> batch)
        {
            _jobs.Start(() => LookupAsync(batch));
        }

        private async Task LookupAsync(List<Pending> batch)
        {
            CancellationToken token = _jobs.Token;
            try
            {
                await _slots.WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                IReadOnlyList<ClerkUser> found;
                try
                {
                    Interlocked.Increment(ref _lookupCalls);
                    found = await _api.FindUsersByExternalIdAsync(batch.Select(p => p.Sub!).Distinct(StringComparer.Ordinal).ToList(), token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && token.IsCancellationRequested) && !IsRunFatal(ex))
                {
                    // Still failing after the client's retries: these users' status is unknown, each says so.
                    foreach (Pending pending in batch)
                    {
                        MigrationStatusEntry unknown = Entry(pending, MigrationState.NotMigrated);
                        unknown.LookupFailure = ex;
                        _entries.Finish(unknown);
                    }

                    return;
                }

                var byExternalId = new Dictionary<string, ClerkUser>(StringComparer.Ordinal);
                foreach (ClerkUser user in found)
                {
                    if (!string.IsNullOrEmpty(user.ExternalId) && !byExternalId.ContainsKey(user.ExternalId!))
                    {
                        byExternalId.Add(user.ExternalId!, user);
                    }
                }

                foreach (Pending pending in batch)
                {
                    _entries.Finish(byExternalId.TryGetValue(pending.Sub!, out ClerkUser? clerk) ? InClerk(pending, clerk) : NotInClerk(pending));
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Stopped: nobody waits for these entries any more.
            }
            catch (Exception ex)
            {
                // A rejected key, or a bug: stop rather than leave the caller waiting for entries that never come.
                _entries.Fail(ex);
            }
            finally
            {
                _slots.Release();
            }
        }

        private static bool IsRunFatal(Exception ex) => ex is ClerkApiException api && api.IsAuthenticationFailure;

        /// <summary>A posted user, waiting for its lookup. What the mapping makes of them is worked out once the lookup tells which question to ask.</summary>
        private sealed class Pending
        {
            public Pending(CognitoUser user, object? input, DigestOptions options)
            {
                User = user;
                Input = input;
                string? sub = user.GetAttribute(CognitoAttributeNames.Sub);
                Sub = string.IsNullOrWhiteSpace(sub) ? null : sub;
                UserPoolId = user.UserPoolId ?? options.UserPoolId;
            }

            public CognitoUser User { get; }

            public object? Input { get; }

            public string? Sub { get; }

            public string? UserPoolId { get; }
        }
    }
}
