using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Security;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cutover;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Errors;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Sync-ClerkMigratedUser: brings Clerk in step with Cognito from the rows of Get-ClerkMigrationStatus. Each
    /// row is planned offline (<see cref="SyncPlanner"/>), gated with ShouldProcess on the pipeline thread (bans,
    /// locks and deletes asked again at High impact), then applied in parallel: NotMigrated users by the very
    /// engine New-ClerkMigratedUser uses (a <see cref="MigrationSession"/>, journaled), everyone else by
    /// <see cref="SyncRunner"/> on the session's connection. -WhatIf sends nothing at all, not even a read. One result per row.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "ClerkMigratedUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClerkSyncResult))]
    public sealed class SyncClerkMigratedUserCommand : ClerkMigrationCmdlet
    {
        private const int ProgressActivityId = 0x5359;

        private readonly ProgressPace _progress = new ProgressPace(ProgressActivityId);
        private readonly StatusCounts<SyncStatus> _counts = new StatusCounts<SyncStatus>();
        private readonly Dictionary<SyncRow, string> _declined = new Dictionary<SyncRow, string>();
        private SyncOptions? _options;
        private MigrationSession? _creates;
        private ClerkBackendApi? _api;
        private SyncRunner? _sync;
        private bool _whatIf;
        private bool _yesToAll;
        private bool _noToAll;

        /// <summary>Rows of Get-ClerkMigrationStatus (or the same properties read back from a file).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>What happens in Clerk to users disabled in Cognito since the import (default Ban); also whether the module's own bans and locks are lifted once Cognito enables the user again (not with None).</summary>
        [Parameter]
        public ClerkDisabledUserAction DisabledAction { get; set; } = ClerkDisabledUserAction.Ban;

        /// <summary>What happens in Clerk to users deleted in Cognito since the import (default Ban; Delete is High impact).</summary>
        [Parameter]
        public ClerkDeletedUserAction DeletedAction { get; set; } = ClerkDeletedUserAction.Ban;

        /// <summary>Also change users who signed in to Clerk (by default Clerk is their source of truth from then on).</summary>
        [Parameter]
        public SwitchParameter IncludeSignedIn { get; set; }

        /// <summary>Ban, lock, delete, unban and unlock without the extra confirmation those High-impact actions ask for.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The journal of New-ClerkMigratedUser: creates are recorded there, and users it records as finished are not sent again.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>As ConvertTo-ClerkCognitoDigest -UserPoolId.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserPoolId { get; set; }

        protected override void BeginProcessing()
        {
            _whatIf = IsWhatIfRun();
            _options = new SyncOptions(ResolveMapping(UserPoolId).Options)
            {
                DisabledAction = MigrationStatusConverter.ToEngine(DisabledAction),
                DeletedAction = MigrationStatusConverter.ToEngine(DeletedAction),
                IncludeSignedIn = IncludeSignedIn.IsPresent,
                ShutdownTimeout = TimeSpan.FromMilliseconds(300),
            };

            // The run that creates NotMigrated users, exactly as New-ClerkMigratedUser's: -WhatIf reads the journal, writes nothing.
            try
            {
                _creates = MigrationSession.Open(JournalPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath), _whatIf);
            }
            catch (MigrationJournalException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ErrorIds.ClerkJournalUnavailable, JournalPath));
            }
        }

        protected override void ProcessRecord()
        {
            TakeReadyOutcomes();
            foreach (PSObject input in InputObject)
            {
                if (input == null)
                {
                    continue;
                }

                SyncRow? row = SyncRowReader.Read(input, out string? problem);
                if (row == null)
                {
                    WriteError(ErrorRecords.Create(ErrorIds.InputNotStatusRow, problem!, input));
                    continue;
                }

                Handle(row);
            }

            ReportProgress(final: false);
        }

        protected override void EndProcessing()
        {
            _creates!.Complete();
            _sync?.Complete();
            while (!_creates.IsFinished || (_sync != null && !_sync.IsFinished))
            {
                TakeOutcomes(ProgressInterval);
            }

            WriteWaits();
            ReportProgress(final: true);
            WriteVerbose($"{_counts.Total} rows: " + (_counts.Total == 0 ? "none." : _counts.Text() + "."));
        }

        /// <summary>Cancels what is still in flight; the session owns the connection and the journal.</summary>
        protected override void DisposeResources()
        {
            _sync?.Dispose();
            _creates?.Dispose();
        }

        private static string Target(SyncRow row) =>
            $"Clerk user {row.ClerkUserId ?? "(new)"} (Cognito user '{row.DisplayName}'" + (row.ExternalId == null ? ")" : $", external_id {row.ExternalId})");

        private void Handle(SyncRow row)
        {
            SyncPlan plan = SyncPlanner.Plan(row, _options!);
            if (plan.IsEmpty)
            {
                WriteResult(new SyncOutcome(row, plan.SkipReason == null ? SyncStatus.InStep : SyncStatus.Skipped, null, plan.SkipReason ?? "In step with Cognito: nothing to change."));
                return;
            }

            if (plan.Create)
            {
                HandleCreate(row);
                return;
            }

            string target = Target(row);
            bool fields = plan.Fields.Count > 0 && ShouldProcess(target, "Update " + string.Join(", ", plan.Fields) + " from Cognito");
            bool access = plan.Access != AccessChange.None && (plan.Access == AccessChange.ForgetRecord
                ? ShouldProcess(target, AccessText(plan.Access))
                : ShouldProcessHighImpact(target, AccessText(plan.Access)));
            SyncPlan approved = plan.Approved(create: false, fields, access);
            if (approved.IsEmpty)
            {
                WritePlanned(row, plan);
                return;
            }

            if (approved.Fields.Count < plan.Fields.Count || approved.Access != plan.Access)
            {
                _declined[row] = $"Not confirmed: {plan.Approved(false, !fields, !access).Describe()}.";
            }

            EnsureStarted();
            _sync ??= new SyncRunner(_api!, _options!, Cancellation);
            while (!_sync.TryPost(row, approved))
            {
                TakeOutcomes(ProgressInterval);
            }
        }

        private void HandleCreate(SyncRow row)
        {
            MigrationCandidate candidate = MigrationCandidate.FromUser(row.CognitoUser!, _options!.Digest, row);
            MigrationWorkItem? item = candidate.WorkItem;
            if (item == null)
            {
                // Refused by the same mapping New-ClerkMigratedUser applies (the user changed since the status, or other options).
                WriteResult(new SyncOutcome(row, SyncStatus.Skipped, null, $"Cannot be migrated now: {candidate.Skip!.ErrorId}: {candidate.Skip.Reason}"));
                return;
            }

            MigrationOutcome? earlier = _creates!.FinishedEarlier(item);
            if (earlier != null)
            {
                WriteResult(new SyncOutcome(row, SyncStatus.InStep, null, $"{earlier.Status} in an earlier run (journal); not sent to Clerk again.") { ClerkUserId = earlier.ClerkUserId });
                return;
            }

            if (!ShouldProcess(item.Description, "Create Clerk user"))
            {
                _creates.RecordNotSent(item);
                WritePlanned(row, new SyncPlan(true, null, AccessChange.None, null));
                return;
            }

            EnsureStarted();
            while (!_creates.TryPost(item))
            {
                TakeOutcomes(ProgressInterval);
            }
        }

        /// <summary>
        /// ShouldProcess, then, for an action that bans, locks or deletes, the confirmation a High-impact cmdlet would
        /// ask for: by default ($ConfirmPreference High) these are asked even though updates are not. -Force,
        /// -Confirm:$false or a $ConfirmPreference of None skip it; -Confirm or a lower preference already asked.
        /// </summary>
        private bool ShouldProcessHighImpact(string target, string action)
        {
            if (!ShouldProcess(target, action))
            {
                return false;
            }

            if (Force.IsPresent || IsBound("Confirm"))
            {
                return true;
            }

            object? preference = GetVariableValue("ConfirmPreference");
            ConfirmImpact threshold = preference is ConfirmImpact impact ? impact
                : Enum.TryParse(preference?.ToString(), ignoreCase: true, out ConfirmImpact parsed) ? parsed
                : ConfirmImpact.High;
            if (threshold != ConfirmImpact.High)
            {
                // None: never ask. Low or Medium: ShouldProcess has just asked.
                return true;
            }

            return ShouldContinue($"{action} {target}? This is a High-impact change (use -Force to skip this question).", "Confirm", ref _yesToAll, ref _noToAll);
        }

        private static string AccessText(AccessChange change) => change switch
        {
            AccessChange.Ban => "Ban (no sign-in, sessions revoked)",
            AccessChange.Lock => "Lock (no sign-in until the lockout expires)",
            AccessChange.Unban => "Unban (sign-in allowed again: Cognito enabled the user, and this module placed the ban when Cognito disabled them)",
            AccessChange.Unlock => "Unlock (sign-in allowed again: Cognito enabled the user, and this module placed the lock when Cognito disabled them)",
            AccessChange.ForgetRecord => "Forget this module's record of a ban or lock no longer in place",
            _ => "Delete the user and their data",
        };

        private void WritePlanned(SyncRow row, SyncPlan plan)
        {
            var planned = new List<string>();
            if (plan.Create)
            {
                planned.Add("create");
            }

            planned.AddRange(plan.Fields);
            if (plan.Access != AccessChange.None)
            {
                planned.Add(SyncPlan.Word(plan.Access));
            }

            WriteResult(new SyncOutcome(row, SyncStatus.Planned, planned, _whatIf ? "-WhatIf: nothing was sent." : "Not confirmed: nothing was sent."));
        }

        /// <summary>
        /// The first approved change connects, as New-ClerkMigratedUser does (key, GET /v1/instance, pace,
        /// concurrency): -WhatIf never needs a key and makes no call. Updates share the session's connection and pace.
        /// </summary>
        private void EnsureStarted()
        {
            if (_api == null)
            {
                _api = StartMigration(_creates!, out MigrationStart start);
                _options!.ThrottleLimit = start.ThrottleLimit;
            }
        }

        private void TakeReadyOutcomes()
        {
            while (TakeOutcomes(TimeSpan.Zero))
            {
            }
        }

        /// <summary>Takes one outcome of either runner (waiting up to <paramref name="timeout"/>) and writes it.</summary>
        private bool TakeOutcomes(TimeSpan timeout)
        {
            bool taken = false;
            try
            {
                if (_creates!.IsStarted && _creates.TryTakeOutcome(TimeSpan.Zero, Cancellation, out MigrationOutcome? created))
                {
                    WriteCreated(created!);
                    taken = true;
                }

                if (!taken && _sync != null && _sync.TryTakeOutcome(_creates.IsFinished ? timeout : TimeSpan.Zero, Cancellation, out SyncOutcome? outcome))
                {
                    WriteResult(outcome!);
                    taken = true;
                }

                if (!taken && _creates.IsStarted && timeout > TimeSpan.Zero && _creates.TryTakeOutcome(timeout, Cancellation, out created))
                {
                    WriteCreated(created!);
                    taken = true;
                }
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (MigrationAbortedException ex)
            {
                ThrowTerminatingError(NewClerkMigratedUserCommand.AbortRecord(ex));
            }

            WriteWaits();
            ReportProgress(final: false);
            return taken;
        }

        private void WriteCreated(MigrationOutcome outcome)
        {
            var row = (SyncRow)outcome.Item.State!;
            switch (outcome.Status)
            {
                case MigrationStatus.Created:
                    WriteResult(new SyncOutcome(row, SyncStatus.Created, new[] { "create" }) { ClerkUserId = outcome.ClerkUserId });
                    return;
                case MigrationStatus.AlreadyMigrated:
                    WriteResult(new SyncOutcome(row, SyncStatus.InStep, null, outcome.Reason) { ClerkUserId = outcome.ClerkUserId });
                    return;
                default:
                    WriteError(NewClerkMigratedUserCommand.ErrorRecordFor(outcome));
                    WriteResult(new SyncOutcome(row, SyncStatus.Failed, null, outcome.Reason) { ErrorId = outcome.ErrorCode ?? outcome.ErrorId, ClerkUserId = outcome.ConflictingClerkUserId });
                    return;
            }
        }

        private void WriteResult(SyncOutcome outcome)
        {
            ClerkSyncResult result = MigrationStatusConverter.ToPublic(outcome);
            if (_declined.TryGetValue(outcome.Row, out string? declined))
            {
                _declined.Remove(outcome.Row);
                result.Reason = result.Reason == null ? declined : result.Reason + " " + declined;
            }

            if (outcome.Status == SyncStatus.Failed && outcome.Error != null)
            {
                string message = $"Cognito user '{outcome.Row.DisplayName}': {outcome.Reason}";
                ErrorRecord error = ErrorRecords.From(
                    new InvalidOperationException(message, outcome.Error),
                    outcome.ErrorId ?? MigrationErrorIds.RequestFailed,
                    outcome.Row.Input,
                    ErrorIds.HintFor(outcome.ErrorId ?? MigrationErrorIds.RequestFailed) ?? "Run the status and the sync again: what was done is recognised, and the rest is tried again.",
                    message);
                error.CategoryInfo.TargetName = outcome.Row.DisplayName;
                WriteError(error);
            }
            else if (outcome.Status != SyncStatus.InStep && outcome.Status != SyncStatus.Planned)
            {
                WriteVerbose($"{Target(outcome.Row)}: {outcome.Status}" + (result.Applied.Count > 0 ? $" ({string.Join(", ", result.Applied)})" : string.Empty) +
                    (result.Reason == null ? "." : ": " + result.Reason));
            }

            _counts.Add(outcome.Status);
            WriteObject(result);
        }

        private void ReportProgress(bool final)
        {
            if (final)
            {
                _progress.Complete(this, "Sync-ClerkMigratedUser");
                return;
            }

            if (!_progress.IsDue())
            {
                return;
            }

            WriteProgress(new ProgressRecord(ProgressActivityId, _whatIf ? "Sync-ClerkMigratedUser (WhatIf)" : "Sync-ClerkMigratedUser", $"{_counts.Total} rows done")
            {
                CurrentOperation = _counts.Total == 0 ? "Starting" : _counts.Text(),
            });
        }
    }
}
