using System;
using System.Collections.Generic;
using System.Linq;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>A snapshot of what a <see cref="MigrationSession"/> has handed back, for progress bars and the summary.</summary>
    public sealed class MigrationTally
    {
        private readonly IReadOnlyDictionary<MigrationStatus, int> _counts;

        internal MigrationTally(IReadOnlyDictionary<MigrationStatus, int> counts, int reported, int notSent, int inFlight, int? createCalls, int? lookupCalls, int journalUnconfirmed, TimeSpan elapsed)
        {
            _counts = counts;
            Reported = reported;
            NotSent = notSent;
            InFlight = inFlight;
            CreateCalls = createCalls;
            LookupCalls = lookupCalls;
            JournalUnconfirmed = journalUnconfirmed;
            Elapsed = elapsed;
        }

        /// <summary>Outcomes handed back: skipped, finished earlier, and settled with Clerk.</summary>
        public int Reported { get; }

        /// <summary>Users not approved (-WhatIf): they would be created.</summary>
        public int NotSent { get; }

        /// <summary>Posted and not yet settled.</summary>
        public int InFlight { get; }

        /// <summary>Clerk calls so far; null before the session started.</summary>
        public int? CreateCalls { get; }

        public int? LookupCalls { get; }

        /// <summary>Users the journal called finished that Clerk did not hold: they were sent again (worth a warning).</summary>
        public int JournalUnconfirmed { get; }

        public TimeSpan Elapsed { get; }

        /// <summary>Outcomes per second since the first user.</summary>
        public double ReportedPerSecond => Elapsed.TotalSeconds > 0 ? Reported / Elapsed.TotalSeconds : 0;

        public int Count(MigrationStatus status) => _counts.TryGetValue(status, out int count) ? count : 0;

        /// <summary>"Created 3, Skipped 1, in flight 5, would create 2", in the order of <see cref="MigrationStatus"/>; "Starting" before anything.</summary>
        public override string ToString()
        {
            var parts = ((MigrationStatus[])Enum.GetValues(typeof(MigrationStatus)))
                .Where(s => Count(s) > 0)
                .Select(s => $"{s} {Count(s)}")
                .ToList();
            if (InFlight > 0)
            {
                parts.Add($"in flight {InFlight}");
            }

            if (NotSent > 0)
            {
                parts.Add($"would create {NotSent}");
            }

            return parts.Count == 0 ? "Starting" : string.Join(", ", parts);
        }
    }
}
