using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Removal;
using CognitoClerk.Errors;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Remove-ClerkMigratedUser: undoes a migration. Removes from Clerk the users this module created, as the
    /// journal (-JournalPath) or the ClerkMigrationResult objects on the pipeline record them, and only those:
    /// each batch of up to 100 users is read from Clerk first, and a user is removed only if its external_id is
    /// still the Cognito sub it was created with and it has never signed in (or -Force). The pipeline thread reads,
    /// asks ShouldProcess per user and writes; the deletions of a batch run in parallel, paced by the instance's
    /// shared limiter. The journal records each outcome, so a later New-ClerkMigratedUser with it creates the
    /// removed users again, and a second removal removes nothing more.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "ClerkMigratedUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClerkRemovalResult))]
    public sealed class RemoveClerkMigratedUserCommand : CognitoClerkCmdlet
    {
        private const int ProgressActivityId = 0x5244;

        private readonly List<RemovalCandidate> _batch = new List<RemovalCandidate>(MigratedUserRemover.LookupBatchSize);
        private readonly HashSet<string> _seen = new HashSet<string>(StringComparer.Ordinal);
        private readonly StatusCounts<ClerkRemovalStatus> _counts = new StatusCounts<ClerkRemovalStatus>();
        private readonly ProgressPace _progress = new ProgressPace(ProgressActivityId);
        private ClerkBackendApi? _api;
        private ClerkInstanceInfo? _instance;
        private int _rate;
        private MigratedUserRemover? _remover;
        private MigrationJournal? _journal;
        private bool _whatIf;
        private bool _fromPipeline;
        private int _total;
        private int _reported;
        private int _wouldRemove;
        private int _notCreated;

        /// <summary>
        /// ClerkMigrationResult objects from New-ClerkMigratedUser (also after Export-Csv/Import-Csv or ConvertFrom-Json).
        /// Only Status Created users are candidates.
        /// </summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>
        /// The journal of the migration (New-ClerkMigratedUser -JournalPath). Without pipeline input, the users it
        /// records as Created (on this instance) are the candidates; either way, each removal is recorded in it.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>Also remove users who have signed in to Clerk since the migration. Never users whose external_id changed.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Default: $env:CLERK_SECRET_KEY.</summary>
        [Parameter]
        [SecureStringArgument("Leave -SecretKey out to use $env:CLERK_SECRET_KEY, or pass (Read-Host -AsSecureString).")]
        public SecureString? SecretKey { get; set; }

        /// <summary>Default: $env:CLERK_API_URL, else https://api.clerk.com.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiUrl { get; set; }

        /// <summary>Deletions in flight at once. Default: enough for the instance's rate at 1 s per request.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; }

        /// <summary>Default: from GET /v1/instance (production 1000, development 100).</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int RequestsPer10Seconds { get; set; }

        protected override void BeginProcessing()
        {
            _whatIf = IsWhatIfRun();
            _fromPipeline = MyInvocation.ExpectingInput || IsBound(nameof(InputObject));
            if (!_fromPipeline && JournalPath == null)
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    ErrorIds.ClerkRemovalInputMissing,
                    "Nothing to remove: pass -JournalPath (the migration's journal), or pipe the ClerkMigrationResult objects of New-ClerkMigratedUser.",
                    null));
            }

            OpenJournal();
        }

        protected override void ProcessRecord()
        {
            foreach (PSObject input in InputObject)
            {
                if (input != null)
                {
                    Accept(RemovalInputReader.Read(input));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (_fromPipeline)
            {
                FlushBatch();
            }
            else
            {
                RemoveJournalUsers();
            }

            _progress.Complete(this, Activity);

            WriteVerbose(Summary());
        }

        protected override void DisposeResources()
        {
            _api?.Dispose();
            _journal?.Dispose();
        }

        private string Activity => _whatIf ? "Checking Clerk users to remove (WhatIf)" : "Removing migrated Clerk users";

        /// <summary>
        /// Without pipeline input the journal is the input, so it must exist; with it, the journal only records the
        /// removals. -WhatIf writes nothing, the journal included, so it only reads it.
        /// </summary>
        private void OpenJournal()
        {
            if (JournalPath == null)
            {
                return;
            }

            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
            if (!_fromPipeline && !File.Exists(path))
            {
                ThrowTerminatingError(ErrorRecords.Create(
                    ErrorIds.ClerkJournalUnavailable,
                    $"The journal '{path}' does not exist: pass the -JournalPath New-ClerkMigratedUser wrote.",
                    JournalPath));
            }

            try
            {
                _journal = _whatIf ? MigrationJournal.OpenForReading(path) : MigrationJournal.Open(path);
            }
            catch (MigrationJournalException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ErrorIds.ClerkJournalUnavailable, JournalPath));
            }
        }

        private void Accept(RemovalInput input)
        {
            switch (input.Kind)
            {
                case RemovalInputKind.Candidate:
                    if (!_seen.Add(input.ClerkUserId!))
                    {
                        WriteVerbose($"Clerk user {input.ClerkUserId} ('{input.DisplayName}') was given twice; it is checked once.");
                        return;
                    }

                    _total++;
                    _batch.Add(new RemovalCandidate(input.ClerkUserId!, input.ExternalId, input.CognitoUsername, input.UserPoolId, null, input.Source));
                    if (_batch.Count >= MigratedUserRemover.LookupBatchSize)
                    {
                        FlushBatch();
                    }

                    return;
                case RemovalInputKind.NotCreatedByModule:
                    _notCreated++;
                    WriteVerbose(input.Reason);
                    Write(new ClerkRemovalResult
                    {
                        Status = nameof(ClerkRemovalStatus.Kept),
                        ClerkUserId = input.ClerkUserId,
                        CognitoUsername = input.CognitoUsername,
                        ExternalId = input.ExternalId,
                        UserPoolId = input.UserPoolId,
                        ErrorCode = input.ErrorId,
                        Reason = input.Reason,
                    });
                    return;
                case RemovalInputKind.NoClerkUser:
                    _notCreated++;
                    WriteVerbose(input.Reason);
                    return;
                default:
                    WriteError(ErrorRecords.Create(input.ErrorId!, input.Reason!, input.Source, input.DisplayName));
                    return;
            }
        }

        /// <summary>Journal mode: the journal's Created users on this instance, 100 at a time.</summary>
        private void RemoveJournalUsers()
        {
            if (_journal == null)
            {
                return;
            }

            CreatedUserLedger ledger;
            try
            {
                ledger = CreatedUserLedger.From(_journal.ReadRecords());
            }
            catch (MigrationJournalException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ErrorIds.ClerkJournalUnavailable, JournalPath));
                return;
            }

            WriteVerbose($"Journal {_journal.Path}: {ledger.RecordsRead} record(s); {ledger.Count} user(s) created by this module and not removed since.");
            if (ledger.Count == 0)
            {
                return;
            }

            Connect();
            string? instanceId = _instance?.Id;
            (IReadOnlyList<RemovalCandidate> mine, IReadOnlyList<RemovalCandidate> others) = ledger.Split(string.IsNullOrEmpty(instanceId) ? null : instanceId);
            if (others.Count > 0)
            {
                string elsewhere = string.Join(", ", others.Select(c => c.InstanceId).Distinct().Take(3));
                string message = $"{others.Count} user(s) in the journal '{_journal.Path}' were created on Clerk instance {elsewhere}, not on {instanceId}, the instance " +
                    "this key opens. They are left alone: nothing is removed from an instance the journal does not describe.";
                ErrorRecord record = ErrorRecords.From(
                    new InvalidOperationException(message),
                    RemovalErrorIds.JournalOtherInstance,
                    JournalPath,
                    "Use the secret key of the instance the migration wrote to, or the journal of the migration into this instance.",
                    message);
                if (mine.Count == 0)
                {
                    // The wrong key or the wrong journal: stop once rather than report every user.
                    ThrowTerminatingError(record);
                }

                WriteError(record);
            }

            _total = mine.Count;
            foreach (RemovalCandidate candidate in mine)
            {
                _batch.Add(candidate);
                if (_batch.Count >= MigratedUserRemover.LookupBatchSize)
                {
                    FlushBatch();
                }
            }

            FlushBatch();
        }

        /// <summary>
        /// The key, the client, and one GET /v1/instance before any removal: a rejected key stops here, once, and the
        /// instance's id says which journal users are this instance's. A proxy without the route: paced at the safe,
        /// lower limit, and no user is ruled out by instance (each is still read before it is deleted).
        /// </summary>
        private void Connect()
        {
            if (_api != null)
            {
                return;
            }

            int? rateOverride = IsBound(nameof(RequestsPer10Seconds)) ? RequestsPer10Seconds : (int?)null;
            ClerkBackendApi api = ConnectClerk(SecretKey, ApiUrl, rateOverride, required: true)!;
            _api = api;
            _instance = ReadInstance(api);
            _rate = CallClerk(() => api.GetRequestsPer10SecondsAsync(Cancellation));
            _remover = new MigratedUserRemover(api, Force.IsPresent);
            if (_journal != null && _instance != null)
            {
                _journal.InstanceId = _instance.Id;
            }

            WriteVerbose(
                (_instance == null ? "Clerk instance of unknown kind" : $"Clerk {_instance.EnvironmentType} instance {_instance.Id}") +
                $": {_rate} requests per 10 s, up to {Throttle} deletions in flight" + (Force.IsPresent ? "; -Force: users who signed in are removed too." : "."));
        }

        private int Throttle => IsBound(nameof(ThrottleLimit)) ? ThrottleLimit : MigrationRunnerOptions.RecommendedThrottleLimit(_rate);

        /// <summary>Reads the batch from Clerk, asks ShouldProcess for each user that qualifies, deletes those in parallel, writes every outcome.</summary>
        private void FlushBatch()
        {
            if (_batch.Count == 0)
            {
                return;
            }

            Connect();
            var batch = _batch.ToList();
            _batch.Clear();
            IReadOnlyList<RemovalCheck> checks = CallClerk(() => _remover!.CheckAsync(batch, Cancellation));
            var approved = new List<RemovalCheck>();
            foreach (RemovalCheck check in checks)
            {
                if (check.Settled != null)
                {
                    Report(check.Settled);
                }
                else if (ShouldProcess(Describe(check), "Remove Clerk user"))
                {
                    approved.Add(check);
                }
                else
                {
                    _wouldRemove++;
                }
            }

            if (approved.Count > 0)
            {
                foreach (RemovalOutcome outcome in CallClerk(() => RemoveAllAsync(approved)))
                {
                    Report(outcome);
                }
            }

            ReportProgress();
        }

        private async Task<RemovalOutcome[]> RemoveAllAsync(IReadOnlyList<RemovalCheck> approved)
        {
            using var slots = new SemaphoreSlim(Throttle);
            return await Task.WhenAll(approved.Select(async check =>
            {
                await slots.WaitAsync(Cancellation).ConfigureAwait(false);
                try
                {
                    return await _remover!.RemoveAsync(check, Cancellation).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            })).ConfigureAwait(false);
        }

        private static string Describe(RemovalCheck check)
        {
            RemovalCandidate candidate = check.Candidate;
            var details = new List<string>();
            if (candidate.ExternalId != null)
            {
                details.Add("external_id " + candidate.ExternalId);
            }

            if (check.LastSignInAt.HasValue)
            {
                details.Add("signed in on " + MigratedUserRemover.Describe(check.LastSignInAt.Value) + ", removed because of -Force");
            }

            return $"Clerk user {candidate.ClerkUserId} (Cognito user '{candidate.DisplayName}'" + (details.Count > 0 ? ", " + string.Join(", ", details) : string.Empty) + ")";
        }

        private void Report(RemovalOutcome outcome)
        {
            RemovalCandidate candidate = outcome.Candidate;
            ClerkRemovalStatus status = (ClerkRemovalStatus)Enum.Parse(typeof(ClerkRemovalStatus), outcome.Status.ToString());
            if (!_whatIf)
            {
                AppendToJournal(outcome);
            }

            if (outcome.IsError)
            {
                WriteError(ErrorRecordFor(outcome));
            }
            else
            {
                WriteVerbose($"{candidate}: {outcome.Status}. {outcome.Reason}");
            }

            Write(new ClerkRemovalResult
            {
                Status = status.ToString(),
                ClerkUserId = candidate.ClerkUserId,
                CognitoUsername = candidate.CognitoUsername,
                ExternalId = candidate.ExternalId,
                UserPoolId = candidate.UserPoolId,
                LastSignInAt = outcome.LastSignInAt?.UtcDateTime,
                ErrorCode = outcome.ErrorId ?? outcome.ErrorCode,
                TraceId = outcome.TraceId,
                Reason = outcome.Reason,
            });
        }

        private void AppendToJournal(RemovalOutcome outcome)
        {
            if (_journal == null)
            {
                return;
            }

            RemovalCandidate candidate = outcome.Candidate;
            try
            {
                _journal.Append(new MigrationJournalRecord
                {
                    Operation = MigrationJournal.RemoveOperation,
                    UserPoolId = candidate.UserPoolId,
                    CognitoUsername = candidate.CognitoUsername,
                    ExternalId = candidate.ExternalId,
                    Status = outcome.Status.ToString(),
                    ClerkUserId = candidate.ClerkUserId,
                    ErrorCode = outcome.ErrorId ?? outcome.ErrorCode,
                    TraceId = outcome.TraceId,
                    InstanceId = _journal.InstanceId,
                    LastSignInAt = outcome.LastSignInAt?.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
                });
            }
            catch (MigrationJournalException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ErrorIds.ClerkJournalWriteFailed, JournalPath));
            }
        }

        private static ErrorRecord ErrorRecordFor(RemovalOutcome outcome)
        {
            string errorId = outcome.ErrorId ?? RemovalErrorIds.DeleteFailed;
            string action = errorId switch
            {
                RemovalErrorIds.ClerkUserSignedIn => "Leave the user in Clerk (they use it now), or run again with -Force to remove users who signed in too.",
                RemovalErrorIds.ClerkUserChanged => "The Clerk user is no longer the one the migration created; remove it by hand if it must go.",
                RemovalErrorIds.DeleteRefused => "Fix what Clerk names (for example, remove the user from directory sync), then run again.",
                _ => "Run the same command again: users removed already are recorded and not asked for twice.",
            };
            string message = $"Clerk user {outcome.Candidate.ClerkUserId} (Cognito user '{outcome.Candidate.DisplayName}'): {outcome.Status}. {ErrorIds.WithHint(errorId, outcome.Reason ?? string.Empty)}";
            ErrorRecord record = ErrorRecords.From(
                new InvalidOperationException(message, outcome.Exception), errorId, outcome.Candidate.State ?? outcome.Candidate.ClerkUserId, action, message);
            record.CategoryInfo.TargetName = outcome.Candidate.DisplayName;
            return record;
        }

        private void Write(ClerkRemovalResult result)
        {
            _reported++;
            _counts.Add((ClerkRemovalStatus)Enum.Parse(typeof(ClerkRemovalStatus), result.Status));
            WriteObject(result);
        }

        private void ReportProgress()
        {
            if (!_progress.IsDue())
            {
                return;
            }

            var progress = new ProgressRecord(ProgressActivityId, Activity, _fromPipeline ? $"{_reported} users" : $"{_reported} of {_total} users")
            {
                CurrentOperation = CountsText(),
            };
            if (!_fromPipeline && _total > 0)
            {
                progress.PercentComplete = Math.Min(100, 100 * (_reported + _wouldRemove) / _total);
            }

            WriteProgress(progress);
        }

        private string CountsText()
        {
            string text = _counts.Text(_wouldRemove > 0 ? $"would remove {_wouldRemove}" : string.Empty);
            return text.Length == 0 ? "nothing" : text;
        }

        private string Summary()
        {
            string text = $"{_reported} result(s): {CountsText()}.";
            if (_notCreated > 0)
            {
                text += $" {_notCreated} input(s) were not users this module created.";
            }

            if (_remover != null)
            {
                text += $" Clerk calls: {_remover.LookupCalls} lookup(s), {_remover.DeleteCalls} deletion(s).";
            }

            return text;
        }
    }
}
