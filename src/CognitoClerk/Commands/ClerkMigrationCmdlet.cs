using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// What New-ClerkMigratedUser, Get-ClerkMigrationStatus and Sync-ClerkMigratedUser share: besides the mapping
    /// parameters (<see cref="DigestMappingCmdlet"/>: Cognito users are created from, compared with and brought in step
    /// with what ConvertTo-ClerkCognitoDigest sends), the Clerk connection's parameters, starting a run against the
    /// instance, and telling the waits before retries.
    /// </summary>
    public abstract class ClerkMigrationCmdlet : DigestMappingCmdlet
    {
        /// <summary>How long to wait for the next outcome before looking at the progress bar again.</summary>
        internal static readonly TimeSpan ProgressInterval = ProgressPace.Interval;

        // Waits before retries happen on worker threads; they wait here for the pipeline thread (WriteWaits).
        private readonly ConcurrentQueue<ClerkWaitEvent> _waits = new ConcurrentQueue<ClerkWaitEvent>();
        private bool _cappedWaitWarned;

        /// <summary>Default: $env:CLERK_SECRET_KEY.</summary>
        [Parameter]
        [SecureStringArgument("Leave -SecretKey out to use $env:CLERK_SECRET_KEY, or pass (Read-Host -AsSecureString).")]
        public SecureString? SecretKey { get; set; }

        /// <summary>Default: $env:CLERK_API_URL, else https://api.clerk.com.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiUrl { get; set; }

        /// <summary>Requests (or users) in flight at once. Default: enough for the instance's rate at 1 s per request.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; }

        /// <summary>Default: from GET /v1/instance (production 1000, development 100).</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int RequestsPer10Seconds { get; set; }

        internal int? BoundRequestsPer10Seconds => IsBound(nameof(RequestsPer10Seconds)) ? RequestsPer10Seconds : (int?)null;

        internal int? BoundThrottleLimit => IsBound(nameof(ThrottleLimit)) ? ThrottleLimit : (int?)null;

        /// <summary>
        /// Starts a migration run against Clerk: the key and URL (<see cref="CognitoClerkCmdlet.ConnectClerk"/>), then one
        /// read before any write, GET /v1/instance (a refused key stops the cmdlet here, once, and the instance tells the
        /// pace), then the session sizes the concurrency and starts its runner. Says what it found with Write-Verbose,
        /// and warns when the journal holds another instance's records.
        /// </summary>
        internal ClerkBackendApi StartMigration(MigrationSession session, out MigrationStart start)
        {
            ClerkBackendApi api = ConnectClerk(SecretKey, ApiUrl, BoundRequestsPer10Seconds, required: true, _waits.Enqueue)!;
            ClerkInstanceInfo? instance = CallClerk(() => session.DiscoverInstanceAsync(api, Cancellation));
            if (session.InstanceFailure != null)
            {
                WarnInstanceUnread(session.InstanceFailure);
            }

            ReportJournalInstances(session, instance);
            int? throttleLimit = BoundThrottleLimit;
            start = CallClerk(() => session.StartAsync(throttleLimit, Cancellation));
            WriteVerbose(DescribeStart(instance, start.RequestsPer10Seconds, BoundRequestsPer10Seconds.HasValue, start.ThrottleLimit));
            return api;
        }

        /// <summary>
        /// As <see cref="StartMigration"/> for a cmdlet that runs no migration (a status run): the key and URL, GET
        /// /v1/instance, the pace, and the concurrency that pace needs unless -ThrottleLimit says.
        /// </summary>
        internal ClerkBackendApi ConnectClerkInstance(out int throttleLimit)
        {
            ClerkBackendApi api = ConnectClerk(SecretKey, ApiUrl, BoundRequestsPer10Seconds, required: true, _waits.Enqueue)!;
            ClerkInstanceInfo? instance = ReadInstance(api);
            int rate = CallClerk(() => api.GetRequestsPer10SecondsAsync(Cancellation));
            throttleLimit = BoundThrottleLimit ?? MigrationRunnerOptions.RecommendedThrottleLimit(rate);
            WriteVerbose(DescribeStart(instance, rate, BoundRequestsPer10Seconds.HasValue, throttleLimit));
            return api;
        }

        /// <summary>
        /// The journal's records of another Clerk instance are not finished here (the session bound the journal to this
        /// instance); the admin is told, since reusing a rehearsal's journal against production is exactly this case.
        /// </summary>
        private void ReportJournalInstances(MigrationSession session, ClerkInstanceInfo? instance)
        {
            MigrationJournal? journal = session.Journal;
            if (journal == null)
            {
                return;
            }

            IReadOnlyDictionary<string, int> others = journal.RecordsOfOtherInstances();
            if (instance != null && others.Count > 0)
            {
                int count = 0;
                foreach (int n in others.Values)
                {
                    count += n;
                }

                WriteWarning(
                    $"The journal {journal.Path} holds {count} record(s) of another Clerk instance ({ConsoleText.Escape(string.Join(", ", others.Keys), 200)}), " +
                    $"not of this {instance.EnvironmentType} instance {ConsoleText.Escape(instance.Id)}. They are not taken as finished here: every user is " +
                    "looked up in this instance and created if it does not hold them. Use a separate -JournalPath per instance.");
            }

            if (journal.RecordsWithoutInstance > 0)
            {
                WriteVerbose(
                    $"The journal holds {journal.RecordsWithoutInstance} record(s) written before journals named their Clerk instance; " +
                    "their claims are confirmed with Clerk by external_id like every other claim.");
            }
        }

        /// <summary>The waits before retries so far, as verbose lines; a wait the cap cut short is also a warning, once.</summary>
        internal void WriteWaits()
        {
            while (_waits.TryDequeue(out ClerkWaitEvent? wait))
            {
                WriteVerbose(wait.ToString());
                if (wait.WasCapped && !_cappedWaitWarned)
                {
                    _cappedWaitWarned = true;
                    WriteWarning(wait + " Clerk's own pauses are seconds long: something in between may be limiting requests.");
                }
            }
        }
    }
}
