using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>A snapshot of a run's counters, for progress bars and summaries.</summary>
    public sealed class MigrationProgress
    {
        public int Posted { get; internal set; }

        /// <summary>Outcomes known (handed out or waiting to be).</summary>
        public int Completed { get; internal set; }

        /// <summary>Accepted and not yet finished: waiting for a lookup or a request slot, or in flight.</summary>
        public int InFlight => Posted - Completed;

        public int Created { get; internal set; }

        public int AlreadyMigrated { get; internal set; }

        public int AlreadyExists { get; internal set; }

        public int Conflict { get; internal set; }

        public int Failed { get; internal set; }

        /// <summary>Outcomes the journal of an earlier run claimed and the lookup confirmed (no create was sent).</summary>
        public int FromJournal { get; internal set; }

        /// <summary>Journal claims the lookup confirmed (Clerk holds the user): reported AlreadyMigrated, FromJournal.</summary>
        public int JournalConfirmed { get; internal set; }

        /// <summary>Journal claims the lookup did not confirm (Clerk holds no such user): sent to Clerk like any other user.</summary>
        public int JournalUnconfirmed { get; internal set; }

        public int LookupCalls { get; internal set; }

        public int CreateCalls { get; internal set; }

        public TimeSpan Elapsed { get; internal set; }

        /// <summary>Outcomes per second since the run started.</summary>
        public double CompletedPerSecond => Elapsed.TotalSeconds > 0 ? Completed / Elapsed.TotalSeconds : 0;
    }
}
