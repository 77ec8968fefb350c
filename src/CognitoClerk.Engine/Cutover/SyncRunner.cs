using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// Applies approved sync plans to Clerk users, <see cref="SyncOptions.ThrottleLimit"/> users at a time: the
    /// caller (the cmdlet's pipeline thread) posts rows with their plans and takes outcomes back on the same
    /// thread, in completion order, one per row. A rejected key stops the run; anything else is one row's failure.
    /// </summary>
    public sealed class SyncRunner : IDisposable
    {
        private readonly ClerkUserSync _sync;
        private readonly SyncOptions _options;
        private readonly BackgroundJobs _jobs;
        private readonly OutcomeQueue<SyncOutcome> _outcomes;
        private readonly SemaphoreSlim _slots;

        public SyncRunner(IClerkBackendApi api, SyncOptions options, CancellationToken cancellationToken = default)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _sync = new ClerkUserSync(api, options);
            _jobs = new BackgroundJobs(cancellationToken);
            _outcomes = new OutcomeQueue<SyncOutcome>(options.MaxPending);
            _slots = new SemaphoreSlim(options.ThrottleLimit, options.ThrottleLimit);
        }

        public bool IsFinished => _outcomes.IsFinished;

        /// <summary>Accepts a row, or false when full (take outcomes first) or stopped. Never blocks.</summary>
        public bool TryPost(SyncRow row, SyncPlan approved)
        {
            if (row == null)
            {
                throw new ArgumentNullException(nameof(row));
            }

            if (approved == null)
            {
                throw new ArgumentNullException(nameof(approved));
            }

            if (_jobs.IsStopping || !_outcomes.TryAdmit())
            {
                return false;
            }

            _jobs.Start(() => RunAsync(row, approved));
            return true;
        }

        /// <summary>No more rows will be posted.</summary>
        public void Complete() => _outcomes.Complete();

        /// <exception cref="Migration.MigrationAbortedException">The run stopped (a rejected key) and every outcome known before was taken.</exception>
        public bool TryTakeOutcome(TimeSpan timeout, CancellationToken cancellationToken, out SyncOutcome? outcome) =>
            _outcomes.TryTake(timeout, cancellationToken, out outcome);

        public void Dispose() => _jobs.Stop(_options.ShutdownTimeout);

        private async Task RunAsync(SyncRow row, SyncPlan plan)
        {
            CancellationToken token = _jobs.Token;
            try
            {
                await _slots.WaitAsync(token).ConfigureAwait(false);
                try
                {
                    _outcomes.Finish(await _sync.ApplyAsync(row, plan, token).ConfigureAwait(false));
                }
                finally
                {
                    _slots.Release();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                // Stopped: nobody waits for this outcome any more.
            }
            catch (Exception ex)
            {
                // A rejected key, or a bug: stop rather than leave the caller waiting.
                _outcomes.Fail(ex);
            }
        }
    }
}
