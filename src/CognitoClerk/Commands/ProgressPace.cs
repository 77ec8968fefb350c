using System;
using System.Diagnostics;
using System.Management.Automation;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// A cmdlet's progress bar kept to a few updates a second (enough to look alive, few enough to cost nothing),
    /// and taken down at the end only if it was ever shown.
    /// </summary>
    internal sealed class ProgressPace
    {
        internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

        private readonly Stopwatch _sinceShown = new Stopwatch();
        private readonly int _activityId;

        internal ProgressPace(int activityId) => _activityId = activityId;

        /// <summary>True once an update was shown.</summary>
        internal bool WasShown => _sinceShown.IsRunning;

        /// <summary>True when an update is due (the first one, then one per <see cref="Interval"/>); the caller then writes it.</summary>
        internal bool IsDue()
        {
            if (_sinceShown.IsRunning && _sinceShown.Elapsed < Interval)
            {
                return false;
            }

            _sinceShown.Restart();
            return true;
        }

        /// <summary>Takes the bar down, if it was shown.</summary>
        internal void Complete(Cmdlet cmdlet, string activity)
        {
            if (_sinceShown.IsRunning)
            {
                cmdlet.WriteProgress(new ProgressRecord(_activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }
}
