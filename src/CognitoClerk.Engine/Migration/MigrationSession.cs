using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// One migration run, owned by the engine from the journal to the last outcome. The caller (the cmdlet's
    /// pipeline thread) offers users one at a time and writes what comes back; it decides nothing but whether
    /// the admin approves each user.
    /// <para>
    /// For each user: a <see cref="MigrationCandidate"/> that cannot be sent is recorded as Skipped
    /// (<see cref="RecordSkip"/>); in a dry run, one the journal says an earlier run finished comes back as the
    /// journal's claim without a call (<see cref="FinishedEarlier"/>); the rest, once approved, are posted
    /// (<see cref="TryPost"/>) to the <see cref="MigrationRunner"/>, whose outcomes the caller takes back
    /// (<see cref="TryTakeOutcome"/>). A user who is not approved is counted as one that would be created
    /// (<see cref="RecordNotSent"/>). In a real run a journal's claim is no shortcut: the runner confirms it with
    /// the batched external_id lookup every user goes through, so a stale, forged or other instance's line cannot
    /// hide a user Clerk does not hold.
    /// </para>
    /// <para>
    /// Clerk is not called until the first user is approved: <see cref="DiscoverInstanceAsync"/> then reads the
    /// instance (which tells the rate, and which instance the journal's records are about), and
    /// <see cref="StartAsync"/> sizes the concurrency and starts the runner.
    /// A dry run (-WhatIf) therefore needs no key and makes no call; it reads the journal and writes nothing.
    /// Everything handed back is counted here (<see cref="Tally"/>), so progress and the summary agree with the output.
    /// </para>
    /// </summary>
    public sealed class MigrationSession : IDisposable
    {
        /// <summary>After Ctrl+C the caller must get control back within a second: in-flight HTTP is cancelled, not waited for.</summary>
        private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromMilliseconds(300);

        private readonly Stopwatch _clock = new Stopwatch();
        private readonly Dictionary<MigrationStatus, int> _counts = new Dictionary<MigrationStatus, int>();
        private IClerkBackendApi? _api;
        private MigrationRunner? _runner;
        private int _reported;
        private int _notSent;

        private MigrationSession(MigrationJournal? journal, bool isDryRun)
        {
            Journal = journal;
            IsDryRun = isDryRun;
        }

        /// <summary>Null when the run keeps no journal (or a dry run found none to read).</summary>
        public MigrationJournal? Journal { get; }

        /// <summary>Nothing is written: not to Clerk, not to the journal.</summary>
        public bool IsDryRun { get; }

        /// <summary>True once <see cref="StartAsync"/> has started the runner.</summary>
        public bool IsStarted => _runner != null;

        /// <summary>True once no more users will be posted and every outcome has been taken (or nothing was ever posted).</summary>
        public bool IsFinished => _runner == null || _runner.IsFinished;

        /// <summary>GET /v1/instance, when <see cref="DiscoverInstanceAsync"/> could read it.</summary>
        public ClerkInstanceInfo? Instance { get; private set; }

        /// <summary>Why the instance could not be read (an answer other than a refused key); the run then paces at the safe, lower limit.</summary>
        public ClerkApiException? InstanceFailure { get; private set; }

        /// <summary>Opens the run's journal, if any: to append, or for a dry run only to read (a missing journal is then none).</summary>
        /// <exception cref="MigrationJournalException">Another run holds it, or the file cannot be opened or read.</exception>
        public static MigrationSession Open(string? journalPath, bool isDryRun)
        {
            MigrationJournal? journal = journalPath == null
                ? null
                : isDryRun ? MigrationJournal.OpenForReading(journalPath) : MigrationJournal.Open(journalPath);
            return new MigrationSession(journal, isDryRun);
        }

        /// <summary>
        /// In a dry run, a user the journal says an earlier run put in Clerk: the journal's claim as its outcome,
        /// counted, without a call. Null otherwise, and always in a real run, where the claim is confirmed by the
        /// runner's lookup before it is believed.
        /// </summary>
        public MigrationOutcome? FinishedEarlier(MigrationWorkItem item)
        {
            if (!IsDryRun || Journal == null || !Journal.TryGetFinished(item, out JournalClaim? claim))
            {
                return null;
            }

            MigrationOutcome outcome = MigrationOutcome.FromUnconfirmedJournalClaim(item, claim!);
            Count(outcome.Status);
            return outcome;
        }

        /// <summary>A user who cannot be sent: recorded in the journal as Skipped (so a report shows it) and counted.</summary>
        /// <exception cref="MigrationJournalException">The journal could not be written.</exception>
        public void RecordSkip(MigrationCandidate candidate)
        {
            if (candidate?.Skip == null)
            {
                throw new ArgumentException("Only a candidate that cannot be sent is skipped.", nameof(candidate));
            }

            Count(MigrationStatus.Skipped);
            Journal?.Append(new MigrationJournalRecord
            {
                UserPoolId = candidate.UserPoolId,
                CognitoUsername = candidate.CognitoUsername,
                ExternalId = candidate.ExternalId,
                Status = nameof(MigrationStatus.Skipped),
                ErrorCode = candidate.Skip.ErrorId,
            });
        }

        /// <summary>A user the admin did not approve (-WhatIf, or no at the prompt): nothing is sent, it is counted as one that would be created.</summary>
        public void RecordNotSent(MigrationWorkItem item)
        {
            _clock.Start();
            _notSent++;
        }

        /// <summary>
        /// Connects: reads the instance, which tells the rate to pace at. A refused key throws here, once, before any
        /// write. Any other error answer (a proxy without this route) is kept in <see cref="InstanceFailure"/>, and the
        /// client then paces at the lower, development limit unless it was given a rate. The session owns
        /// <paramref name="api"/> from here on.
        /// </summary>
        /// <exception cref="ClerkApiException">The key was refused.</exception>
        public async Task<ClerkInstanceInfo?> DiscoverInstanceAsync(IClerkBackendApi api, CancellationToken cancellationToken)
        {
            if (_api != null)
            {
                throw new InvalidOperationException("The session is already connected.");
            }

            _api = api ?? throw new ArgumentNullException(nameof(api));
            try
            {
                Instance = await api.GetInstanceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ClerkApiException ex) when (!ex.IsAuthenticationFailure)
            {
                InstanceFailure = ex;
            }

            if (Journal != null && !string.IsNullOrEmpty(Instance?.Id))
            {
                // From here on each record names the instance the user was created on (an undo removes only those),
                // and claims recorded for another instance are no claims.
                Journal.BindInstance(Instance!.Id);
            }

            return Instance;
        }

        /// <summary>
        /// Sizes the concurrency (<paramref name="throttleLimit"/>, else enough for the rate at 1 s per request:
        /// <see cref="MigrationRunnerOptions.RecommendedThrottleLimit"/>) and starts the runner.
        /// </summary>
        /// <exception cref="ClerkApiException">The rate could not be learned from Clerk.</exception>
        public async Task<MigrationStart> StartAsync(int? throttleLimit, CancellationToken cancellationToken)
        {
            IClerkBackendApi api = _api ?? throw new InvalidOperationException("DiscoverInstanceAsync comes first.");
            if (_runner != null)
            {
                throw new InvalidOperationException("The session has already started.");
            }

            int rate = await api.GetRequestsPer10SecondsAsync(cancellationToken).ConfigureAwait(false);
            int throttle = throttleLimit ?? MigrationRunnerOptions.RecommendedThrottleLimit(rate);
            _runner = new MigrationRunner(
                api,
                new MigrationRunnerOptions
                {
                    ThrottleLimit = throttle,
                    Journal = Journal,
                    ShutdownTimeout = ShutdownTimeout,
                },
                cancellationToken);
            return new MigrationStart(rate, throttle);
        }

        /// <summary>Hands an approved user to the runner; false when it is full (take outcomes, then post again) or stopped.</summary>
        public bool TryPost(MigrationWorkItem item)
        {
            MigrationRunner runner = _runner ?? throw new InvalidOperationException("StartAsync comes before the first user is posted.");
            _clock.Start();
            return runner.TryPost(item);
        }

        /// <summary>No more users: partly filled lookup batches go out now.</summary>
        public void Complete() => _runner?.Complete();

        /// <summary>
        /// Waits up to <paramref name="timeout"/> for the next outcome of a posted user, and counts it. False on
        /// timeout, when the runner is finished, or when nothing was ever posted.
        /// </summary>
        /// <exception cref="MigrationAbortedException">The run stopped (rejected key, quota, journal).</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        public bool TryTakeOutcome(TimeSpan timeout, CancellationToken cancellationToken, out MigrationOutcome? outcome)
        {
            outcome = null;
            if (_runner == null || !_runner.TryTakeOutcome(timeout, cancellationToken, out outcome))
            {
                return false;
            }

            Count(outcome!.Status);
            return true;
        }

        /// <summary>What has been handed back so far, by status, and what is still under way.</summary>
        public MigrationTally Tally
        {
            get
            {
                MigrationProgress? progress = _runner?.GetProgress();
                return new MigrationTally(
                    new Dictionary<MigrationStatus, int>(_counts),
                    _reported,
                    _notSent,
                    progress?.InFlight ?? 0,
                    progress?.CreateCalls,
                    progress?.LookupCalls,
                    progress?.JournalUnconfirmed ?? 0,
                    _clock.Elapsed);
            }
        }

        /// <summary>
        /// Cancels whatever is in flight; outcomes already known are in the journal (they were written when they
        /// became known). Then the Clerk client and the journal are closed.
        /// </summary>
        public void Dispose()
        {
            _runner?.Dispose();
            (_api as IDisposable)?.Dispose();
            Journal?.Dispose();
        }

        private void Count(MigrationStatus status)
        {
            _clock.Start();
            _reported++;
            _counts.TryGetValue(status, out int count);
            _counts[status] = count + 1;
        }
    }
}
