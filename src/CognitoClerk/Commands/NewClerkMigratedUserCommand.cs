using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Text;
using CognitoClerk.Errors;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// New-ClerkMigratedUser: creates one Clerk user per input with Clerk's awscognito password hasher.
    /// Thin over the engine's <see cref="MigrationSession"/>, in PSResourceGet's gate, parallel, drain pattern:
    /// on the pipeline thread each input is read (its shape), offered to the session (which skips it, or knows it
    /// from the journal) and put through ShouldProcess (gate); approved users go to the session, which creates
    /// them concurrently (parallel); finished outcomes are taken back and written on the pipeline thread, without
    /// blocking in ProcessRecord and until the last one in EndProcessing (drain). Output is in completion order.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ClerkMigratedUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClerkMigrationResult))]
    public sealed class NewClerkMigratedUserCommand : ClerkMigrationCmdlet
    {
        private const int ProgressActivityId = 0x434c;

        private readonly ProgressPace _progress = new ProgressPace(ProgressActivityId);

        /// <summary>ConvertTo-ClerkCognitoDigest's not-migratable markers: that cmdlet wrote their errors already.</summary>
        private readonly HashSet<MigrationCandidate> _reportedUpstream = new HashSet<MigrationCandidate>();
        private MigrationSession? _session;
        private DigestSettings? _digestSettings;
        private ErrorRecord? _digestSetupError;
        private bool _whatIf;
        private int? _total;
        private int _digestInputs;
        private AttributeMapCoverage? _coverage;

        /// <summary>
        /// ClerkCognitoDigest objects (ConvertTo-ClerkCognitoDigest), the same payload read back from a file
        /// (Import-Clixml, ConvertFrom-Json), or Cognito users in any shape ConvertTo-ClerkCognitoDigest accepts.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>How many users to expect, for the progress bar's percentage and time remaining.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int ExpectedCount { get; set; }

        /// <summary>For Cognito users on the input: as ConvertTo-ClerkCognitoDigest -UserPoolId.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserPoolId { get; set; }

        private MigrationSession Session => _session!;

        protected override void BeginProcessing()
        {
            ExplainIdentifierSource();

            // A map that cannot apply to anyone stops the run here, before any user, whatever the input turns out to be.
            AttributeMapConverter.ToEngine(AttributeMap, out ErrorRecord? mapError);
            if (mapError != null)
            {
                ThrowTerminatingError(mapError);
            }

            _whatIf = IsWhatIfRun();
            if (IsBound(nameof(ExpectedCount)))
            {
                _total = ExpectedCount;
            }

            OpenSession();
        }

        protected override void ProcessRecord()
        {
            if (_total == null && !MyInvocation.ExpectingInput)
            {
                // -InputObject given an array: the total is known up front.
                _total = InputObject.Length;
            }

            WriteReadyOutcomes();
            foreach (PSObject input in InputObject)
            {
                if (input == null)
                {
                    continue;
                }

                foreach (MigrationCandidate candidate in Read(input))
                {
                    Handle(candidate);
                }
            }

            ReportProgress(final: false);
        }

        protected override void EndProcessing()
        {
            Session.Complete();
            while (!Session.IsFinished)
            {
                TakeOutcome(ProgressInterval);
            }

            WriteWaits();
            ReportProgress(final: true);
            int unconfirmed = Session.Tally.JournalUnconfirmed;
            if (unconfirmed > 0)
            {
                WriteWarning(
                    $"{unconfirmed} user(s) the journal called finished were not in this Clerk instance " +
                    "(another instance's journal, users deleted since, or an edited journal); they were sent to Clerk again.");
            }

            WriteVerbose(Summary());
            if (_coverage != null)
            {
                ConvertToClerkCognitoDigestCommand.WarnAboutMapSourcesNeverFound(this, _coverage);
            }

            if (_digestInputs > 0 && (IsBound(nameof(AttributeMap)) || IsBound(nameof(DisabledUser))))
            {
                WriteWarning($"-AttributeMap and -DisabledUser apply to Cognito users only; {_digestInputs} input(s) were digests, already converted, " +
                    "and were sent as they are. Pass those options to ConvertTo-ClerkCognitoDigest instead.");
            }
        }

        /// <summary>Cancels what is still in flight (after Ctrl+C or a terminating error); outcomes already known are journaled.</summary>
        protected override void DisposeResources() => _session?.Dispose();

        /// <summary>-WhatIf writes nothing, the journal included; it still reads it to leave out finished users.</summary>
        private void OpenSession()
        {
            string? path = JournalPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
            try
            {
                _session = MigrationSession.Open(path, _whatIf);
            }
            catch (MigrationJournalException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ErrorIds.ClerkJournalUnavailable, JournalPath));
            }

            MigrationJournal? journal = Session.Journal;
            if (journal != null)
            {
                WriteVerbose(
                    $"Journal {journal.Path}: {journal.RecordsRead} record(s) from earlier runs, {journal.FinishedUserCount} user(s) claimed finished " +
                    "(a real run confirms each claim with Clerk before it is believed)" +
                    (journal.IgnoredLines > 0 ? $", {journal.IgnoredLines} unreadable line(s) ignored (a torn last line is normal after a crash)." : "."));
                if (journal.IgnoredLinesBeforeLast > 0)
                {
                    // Only the last line can be torn by a crash: others were damaged or added by hand.
                    WriteWarning(
                        $"The journal {journal.Path} has {journal.IgnoredLinesBeforeLast} unreadable line(s) before its last one " +
                        $"(line {string.Join(", ", journal.IgnoredLineNumbers)}{(journal.IgnoredLines > journal.IgnoredLineNumbers.Count ? ", ..." : string.Empty)}). " +
                        "They were ignored: the users they were about are checked with Clerk like any other. A crash tears only the last line, " +
                        "so the file was edited or damaged; keep a copy if you want to know how.");
                }
            }
        }

        /// <summary>The users one input holds, by its shape: a digest, a collection, or Cognito users (converted as ConvertTo-ClerkCognitoDigest would).</summary>
        private IEnumerable<MigrationCandidate> Read(PSObject input)
        {
            if (DigestInputReader.TryRead(input, out ClerkCognitoDigest? digest))
            {
                _digestInputs++;
                if (!digest!.Migratable)
                {
                    // ConvertTo-ClerkCognitoDigest's marker for a user who cannot be migrated: a Skipped result, no second error.
                    MigrationCandidate marker = DigestInputReader.NotMigratable(digest, input.BaseObject);
                    _reportedUpstream.Add(marker);
                    yield return marker;
                    yield break;
                }

                yield return MigrationCandidate.FromPayload(
                    DigestConverter.ToEngine(digest!), digest!.SourceUser?.Username, digest.SourceUser?.UserPoolId, input.BaseObject);
                yield break;
            }

            if (input.BaseObject is IEnumerable collection && !(input.BaseObject is string) && !(input.BaseObject is IDictionary))
            {
                // An array passed as one pipeline object (,@(...)) or as a property value: each element on its own.
                foreach (object? element in collection)
                {
                    if (element != null)
                    {
                        foreach (MigrationCandidate read in Read(PSObject.AsPSObject(element)))
                        {
                            yield return read;
                        }
                    }
                }

                yield break;
            }

            DigestOptions options = DigestOptionsForCognitoUsers();
            foreach (InputRead<CognitoUser> read in CognitoUserReader.Read(input))
            {
                if (read.Value == null)
                {
                    yield return MigrationCandidate.NotSendable(read.Problem!, read.Source);
                    continue;
                }

                MigrationCandidate candidate = MigrationCandidate.FromUser(read.Value, options, read.Source, read.Warnings);
                if (candidate.WorkItem != null)
                {
                    _coverage!.Note(read.Value);
                }

                yield return candidate;
            }
        }

        /// <summary>
        /// Digest input needs no client ID: the conversion settings are resolved at the first input that is not a
        /// digest, and settings that cannot convert anyone stop the cmdlet there, once.
        /// </summary>
        private DigestOptions DigestOptionsForCognitoUsers()
        {
            if (_digestSettings == null && _digestSetupError == null)
            {
                _digestSettings = TryResolveMapping(UserPoolId, out _digestSetupError);
                if (_digestSettings != null)
                {
                    _coverage = new AttributeMapCoverage(_digestSettings.Options.AttributeMap);
                }
            }

            if (_digestSetupError != null)
            {
                ThrowTerminatingError(_digestSetupError);
            }

            return _digestSettings!.Options;
        }

        private void Handle(MigrationCandidate candidate)
        {
            foreach (MigrationWarning warning in candidate.Warnings)
            {
                WriteWarning(ErrorIds.WithHint(warning.Id, warning.Message));
            }

            MigrationWorkItem? item = candidate.WorkItem;
            if (item == null)
            {
                ReportSkipped(candidate);
                return;
            }

            // A dry run makes no call, so it reports the journal's claim as it stands; a real run confirms it with Clerk.
            MigrationOutcome? earlier = Session.FinishedEarlier(item);
            if (earlier != null)
            {
                // AlreadyMigrated (FromJournal), never Created again: Group-Object Status over several runs counts each creation once.
                WriteVerbose($"{item.Description}: finished in an earlier run (journal), Clerk user {ConsoleText.Escape(earlier.ClerkUserId)}; a real run confirms it with Clerk first.");
                WriteObject(MigrationResultConverter.ToPublic(earlier));
                return;
            }

            if (!ShouldProcess(item.Description, "Create Clerk user"))
            {
                Session.RecordNotSent(item);
                return;
            }

            EnsureStarted();
            while (!Session.TryPost(item))
            {
                // Full (back-pressure) or stopped: taking outcomes makes room, or throws the reason it stopped.
                TakeOutcome(ProgressInterval);
            }
        }

        /// <summary>The same problem would hit every user (no pool ID anywhere): one terminating error. Otherwise an error, a journal line and a Skipped result.</summary>
        private void ReportSkipped(MigrationCandidate candidate)
        {
            MigrationSkip skip = candidate.Skip!;
            ErrorRecord error = ErrorRecords.ForSkip(skip, candidate.State, candidate.CognitoUsername ?? candidate.ExternalId ?? candidate.Email);
            if (MigrationErrorIds.IsSetupProblem(skip.ErrorId))
            {
                ThrowTerminatingError(error);
            }

            if (!_reportedUpstream.Remove(candidate))
            {
                WriteError(error);
            }

            try
            {
                Session.RecordSkip(candidate);
            }
            catch (MigrationJournalException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ErrorIds.ClerkJournalWriteFailed, JournalPath));
            }

            WriteObject(MigrationResultConverter.Skipped(candidate, error.Exception.Message));
        }

        /// <summary>The first user approved by ShouldProcess connects: -WhatIf never needs a key and makes no call at all.</summary>
        private void EnsureStarted()
        {
            if (!Session.IsStarted)
            {
                StartMigration(Session, out _);
            }
        }

        private void WriteReadyOutcomes()
        {
            while (TakeOutcome(TimeSpan.Zero))
            {
            }
        }

        /// <summary>Waits up to <paramref name="timeout"/> for one outcome and writes it. Only on the pipeline thread.</summary>
        private bool TakeOutcome(TimeSpan timeout)
        {
            bool taken = false;
            MigrationOutcome? outcome = null;
            try
            {
                taken = Session.TryTakeOutcome(timeout, Cancellation, out outcome);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (MigrationAbortedException ex)
            {
                ThrowTerminatingError(AbortRecord(ex));
            }

            WriteWaits();
            if (taken)
            {
                WriteOutcome(outcome!);
            }

            ReportProgress(final: false);
            return taken;
        }

        private void WriteOutcome(MigrationOutcome outcome)
        {
            if (outcome.IsError)
            {
                WriteError(ErrorRecordFor(outcome));
            }
            else
            {
                WriteVerbose($"{outcome.Item.Description}: {outcome.Status}, Clerk user {ConsoleText.Escape(outcome.ClerkUserId)}" +
                    (outcome.FromJournal ? " (journal, confirmed with Clerk)." : "."));
            }

            WriteObject(MigrationResultConverter.ToPublic(outcome));
        }

        internal static ErrorRecord ErrorRecordFor(MigrationOutcome outcome)
        {
            string errorId = outcome.ErrorId ?? MigrationErrorIds.RequestFailed;
            string action;
            switch (outcome.Status)
            {
                case MigrationStatus.Conflict when errorId == MigrationErrorIds.SubConflict:
                    action = $"Find out in Cognito why two users share this sub (a merged or restored pool?); only one of them can be Clerk user {ConsoleText.Escape(outcome.ConflictingClerkUserId)}.";
                    break;
                case MigrationStatus.Conflict:
                    action = $"Decide which account is the person's: merge or delete Clerk user {ConsoleText.Escape(outcome.ConflictingClerkUserId)}, or change the Cognito user's email or phone, then run again.";
                    break;
                case MigrationStatus.Skipped:
                    action = ErrorIds.HintFor(errorId) ?? "Fix the user in Cognito, or convert them again with ConvertTo-ClerkCognitoDigest.";
                    break;
                case MigrationStatus.AlreadyExists:
                    action = "Find the Clerk user that holds the identifier Clerk names and resolve the duplicate, then run again.";
                    break;
                default:
                    action = errorId == MigrationErrorIds.UserRejected
                        ? "Fix what Clerk names (the payload, or the instance's user settings in the Clerk Dashboard), then run again."
                        : errorId == MigrationErrorIds.ResponseUnreadable
                            ? "Check what answers at the Clerk API URL (a proxy or gateway that rewrites answers?), then run again: users Clerk has are recognised by external_id."
                            : "Run the same command again: users Clerk already has are recognised by external_id and not created twice.";
                    break;
            }

            string message = $"{outcome.Item.Description}: {outcome.Reason}";
            ErrorRecord record = ErrorRecords.From(new InvalidOperationException(message, outcome.Exception), errorId, outcome.Item.State, action, message);
            record.CategoryInfo.TargetName = outcome.Item.DisplayName;
            return record;
        }

        internal static ErrorRecord AbortRecord(MigrationAbortedException aborted)
        {
            Exception cause = aborted.InnerException ?? aborted;
            if (cause is ClerkApiException api && api.IsAuthenticationFailure)
            {
                return ClerkAuthenticationRecord(api);
            }

            if (cause is ClerkApiException quota)
            {
                return ErrorRecords.From(
                    quota,
                    ErrorIds.ClerkUserQuotaExceeded,
                    null,
                    "Development instances are capped; migrate into a production instance, or raise the plan's limit.",
                    $"The Clerk instance accepts no more users: {quota.Message}");
            }

            if (cause is MigrationJournalException journal)
            {
                return ErrorRecords.From(journal, ErrorIds.ClerkJournalWriteFailed, journal.Path);
            }

            return ErrorRecords.From(cause, ErrorIds.ClerkMigrationStopped, null);
        }

        private void ReportProgress(bool final)
        {
            if (final)
            {
                _progress.Complete(this, Activity);
                return;
            }

            if (!_progress.IsDue())
            {
                return;
            }

            MigrationTally tally = Session.Tally;
            double rate = tally.ReportedPerSecond;
            string status = (_total.HasValue
                    ? $"{tally.Reported} of {_total} users"
                    : $"{tally.Reported} users")
                + string.Format(CultureInfo.InvariantCulture, ", {0:0.0}/s", rate);

            var progress = new ProgressRecord(ProgressActivityId, Activity, status)
            {
                CurrentOperation = tally.ToString(),
            };

            if (_total.HasValue && _total.Value > 0)
            {
                progress.PercentComplete = Math.Min(100, (int)(100L * tally.Reported / _total.Value));
                if (rate > 0 && _total.Value > tally.Reported)
                {
                    progress.SecondsRemaining = (int)Math.Ceiling((_total.Value - tally.Reported) / rate);
                }
            }

            WriteProgress(progress);
        }

        private string Activity => _whatIf ? "Checking users for Clerk (WhatIf)" : "Creating Clerk users";

        private string Summary()
        {
            MigrationTally tally = Session.Tally;
            if (tally.Reported == 0 && !Session.IsStarted && !_progress.WasShown)
            {
                return "No users on the input: nothing was sent to Clerk.";
            }

            string text = $"{tally.Reported} result(s) in {tally.Elapsed.TotalSeconds:0.0} s: {tally}.";
            if (tally.CreateCalls.HasValue)
            {
                text += $" Clerk calls: {tally.CreateCalls} create(s), {tally.LookupCalls} lookup(s).";
            }

            return text;
        }
    }
}
