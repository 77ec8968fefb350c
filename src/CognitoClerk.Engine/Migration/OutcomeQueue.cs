using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading;
namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Hands results from worker tasks back to the one thread that posts work and writes results (a cmdlet's
    /// pipeline thread), in completion order, with a bound on what is pending (back-pressure: the poster takes
    /// results when it cannot post) and the first error that stops the whole run. The migration's runner and the
    /// cutover's status and sync runners all hand back their results this way.
    /// </summary>
    internal sealed class OutcomeQueue<T>
        where T : class
    {
        private readonly SemaphoreSlim _admission;
        private readonly ConcurrentQueue<T> _outcomes = new ConcurrentQueue<T>();
        private readonly SemaphoreSlim _changed = new SemaphoreSlim(0, int.MaxValue);
        private Exception? _fatal;
        private volatile bool _complete;
        private int _outstanding;

        public OutcomeQueue(int maxPending) => _admission = new SemaphoreSlim(maxPending, maxPending);

        /// <summary>True once nothing more will be admitted and every outcome has been taken.</summary>
        public bool IsFinished => _complete && Volatile.Read(ref _outstanding) == 0 && _outcomes.IsEmpty;

        public bool HasFailed => Volatile.Read(ref _fatal) != null;

        /// <summary>True once <see cref="Complete"/> was called: nothing more will be admitted.</summary>
        public bool IsComplete => _complete;

        /// <summary>Room for one more item, or false when full or stopped. Never blocks.</summary>
        public bool TryAdmit()
        {
            if (HasFailed || !_admission.Wait(0))
            {
                return false;
            }

            Interlocked.Increment(ref _outstanding);
            return true;
        }

        /// <summary>One admitted item's outcome.</summary>
        public void Finish(T outcome)
        {
            // Enqueue before the outstanding count drops, or IsFinished could be true while this outcome is on its way.
            _outcomes.Enqueue(outcome);
            Interlocked.Decrement(ref _outstanding);
            _changed.Release();
        }

        /// <summary>The run stops; the first reason wins and is thrown to the taker once the known outcomes are taken.</summary>
        /// <returns>True for the first reason, so the caller stops its work once.</returns>
        public bool Fail(Exception reason)
        {
            bool first = Interlocked.CompareExchange(ref _fatal, reason, null) == null;
            _changed.Release();
            return first;
        }

        /// <summary>No more items will be admitted.</summary>
        public void Complete()
        {
            _complete = true;
            _changed.Release();
        }

        /// <summary>
        /// Waits up to <paramref name="timeout"/> for the next outcome. False on timeout or when finished.
        /// </summary>
        /// <exception cref="MigrationAbortedException">The run stopped and every outcome known before was taken.</exception>
        /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
        public bool TryTake(TimeSpan timeout, CancellationToken cancellationToken, out T? outcome)
        {
            Stopwatch waited = Stopwatch.StartNew();
            while (true)
            {
                if (_outcomes.TryDequeue(out outcome))
                {
                    _admission.Release();
                    return true;
                }

                Exception? fatal = Volatile.Read(ref _fatal);
                if (fatal != null)
                {
                    throw new MigrationAbortedException(fatal);
                }

                if (IsFinished)
                {
                    return false;
                }

                TimeSpan remaining = timeout - waited.Elapsed;
                if (remaining <= TimeSpan.Zero)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return false;
                }

                _changed.Wait(remaining, cancellationToken);
            }
        }
    }
}
