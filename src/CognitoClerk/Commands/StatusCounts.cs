using System;
using System.Collections.Generic;

namespace CognitoClerk.Commands
{
    /// <summary>How many results of each status a cmdlet has written, as the text its progress and summary show ("Created 12, Skipped 3").</summary>
    internal sealed class StatusCounts<TStatus>
        where TStatus : struct, Enum
    {
        private readonly Dictionary<TStatus, int> _counts = new Dictionary<TStatus, int>();

        internal int Total { get; private set; }

        internal void Add(TStatus status)
        {
            _counts.TryGetValue(status, out int count);
            _counts[status] = count + 1;
            Total++;
        }

        /// <summary>The statuses written so far in the enum's order, then <paramref name="extra"/>; "nothing" when empty.</summary>
        internal string Text(params string[] extra)
        {
            var parts = new List<string>();
            foreach (TStatus status in (TStatus[])Enum.GetValues(typeof(TStatus)))
            {
                if (_counts.TryGetValue(status, out int count) && count > 0)
                {
                    parts.Add($"{status} {count}");
                }
            }

            foreach (string part in extra)
            {
                if (!string.IsNullOrEmpty(part))
                {
                    parts.Add(part);
                }
            }

            return parts.Count == 0 ? string.Empty : string.Join(", ", parts);
        }
    }
}
