using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// The jobs a cutover runner started, and the stop they share: a stop cancels them all and waits a bounded
    /// time for them to unwind, so Ctrl+C gives the pipeline back within a second.
    /// </summary>
    internal sealed class BackgroundJobs
    {
        private readonly CancellationTokenSource _stop;
        private readonly List<Task> _running = new List<Task>();

        public BackgroundJobs(CancellationToken cancellationToken) => _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        /// <summary>Cancelled by <see cref="Stop"/> or by the caller's token.</summary>
        public CancellationToken Token => _stop.Token;

        public bool IsStopping => _stop.IsCancellationRequested;

        public void Start(Func<Task> job)
        {
            Task started = Task.Run(job);
            lock (_running)
            {
                _running.RemoveAll(t => t.IsCompleted);
                _running.Add(started);
            }
        }

        /// <summary>Cancels every job and waits up to <paramref name="timeout"/> for them to unwind.</summary>
        public void Stop(TimeSpan timeout)
        {
            _stop.Cancel();
            Task[] running;
            lock (_running)
            {
                running = _running.ToArray();
            }

            if (Task.WaitAll(running, timeout))
            {
                // Left undisposed otherwise: a straggler may still read its token.
                _stop.Dispose();
            }
        }
    }
}
