using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>Stops waiting for a task that itself takes no cancellation token (netstandard2.0 has no Task.WaitAsync).</summary>
    internal static class CancellableWait
    {
        internal static async Task<T> WaitAsync<T>(Task<T> task, CancellationToken cancellationToken)
        {
            if (!cancellationToken.CanBeCanceled || task.IsCompleted)
            {
                return await task.ConfigureAwait(false);
            }

            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false) != task)
                {
                    // The abandoned task may still fail later: observe it so it is not reported as unobserved.
                    _ = task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }

            return await task.ConfigureAwait(false);
        }
    }
}
