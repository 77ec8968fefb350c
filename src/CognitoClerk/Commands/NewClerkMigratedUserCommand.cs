using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.Threading;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Readiness;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// New-ClerkMigratedUser: creates one Clerk user per input with Clerk's awscognito password hasher.
    /// Thin over <see cref="MigrationRunner"/>, in PSResourceGet's gate, parallel, drain pattern: on the
    /// pipeline thread each user is read, checked against the journal and put through ShouldProcess (gate),
    /// then posted to the runner, which creates users concurrently (parallel); finished outcomes are taken
    /// back and written on the pipeline thread, without blocking in ProcessRecord and until the last one in
    /// EndProcessing (drain). Output is in completion order, not input order.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "ClerkMigratedUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ClerkMigrationResult))]
    public sealed class NewClerkMigratedUserCommand : PSCmdlet, IDisposable
    {
        internal const string SecretKeyMissing = "ClerkSecretKeyMissing";
        internal const string ApiUrlInvalid = "ClerkApiUrlInvalid";
        internal const string AuthenticationFailed = "ClerkAuthenticationFailed";
        internal const string UserQuotaExceeded = "ClerkUserQuotaExceeded";
        internal const string Unreachable = "ClerkUnreachable";
        internal const string JournalUnavailable = "ClerkJournalUnavailable";
        internal const string JournalWriteFailed = "ClerkJournalWriteFailed";
        internal const string MigrationStopped = "ClerkMigrationStopped";

        /// <summary>A few progress updates a second: enough to look alive, few enough to cost nothing.</summary>
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private const int ProgressActivityId = 0x434c;

        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly Stopwatch _clock = new Stopwatch();
        private readonly Stopwatch _sinceProgress = new Stopwatch();
        private readonly Dictionary<ClerkMigrationStatus, int> _counts = new Dictionary<ClerkMigrationStatus, int>();
        private MigrationJournal? _journal;
        private MigrationRunner? _runner;
        private ClerkBackendApi? _api;
        private CognitoUserInputConverter? _cognitoUsers;
        private CognitoClerk.IdentifierSource _identifierSource;
        private bool _whatIf;
        private bool _progressShown;
        private int? _total;
        private int _reported;
        private int _wouldSend;

        /// <summary>
        /// ClerkCognitoDigest objects (ConvertTo-ClerkCognitoDigest), the same payload read back from a file
        /// (Import-Clixml, ConvertFrom-Json), or Cognito users in any shape ConvertTo-ClerkCognitoDigest accepts.
        /// </summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>Default: $env:CLERK_SECRET_KEY.</summary>
        [Parameter]
        [SecureStringArgument("Leave -SecretKey out to use $env:CLERK_SECRET_KEY, or pass (Read-Host -AsSecureString).")]
        public SecureString? SecretKey { get; set; }

        /// <summary>Default: $env:CLERK_API_URL, else https://api.clerk.com.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApiUrl { get; set; }

        /// <summary>Requests in flight at once. Default: enough for the instance's rate at 1 s per request.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; }

        /// <summary>Default: from GET /v1/instance (production 1000, development 100).</summary>
        [Parameter]
        [ValidateRange(1, 100000)]
        public int RequestsPer10Seconds { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>How many users to expect, for the progress bar's percentage and time remaining.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int ExpectedCount { get; set; }

        /// <summary>For Cognito users on the input: as ConvertTo-ClerkCognitoDigest -ClientId.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ClientId { get; set; }

        /// <summary>For Cognito users on the input: as ConvertTo-ClerkCognitoDigest -UserPoolId.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? UserPoolId { get; set; }

        /// <summary>
        /// For Cognito users on the input: as ConvertTo-ClerkCognitoDigest -IdentifierSource, Auto included
        /// (resolved once, offline, in BeginProcessing). The module's own enum, not the engine's: an engine
        /// value type in a cmdlet would load the engine while PowerShell scans the module, before the
        /// module's load context is registered.
        /// </summary>
        [Parameter]
        public CognitoClerk.IdentifierSource IdentifierSource { get; set; } = CognitoClerk.IdentifierSource.Username;

        /// <summary>For Cognito users on the input: as ConvertTo-ClerkCognitoDigest -IncludeUsername.</summary>
        [Parameter]
        public SwitchParameter IncludeUsername { get; set; }

        private bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

        protected override void BeginProcessing()
        {
            ResolveIdentifierSource();
            _whatIf = IsWhatIfRun();
            if (IsBound(nameof(ExpectedCount)))
            {
                _total = ExpectedCount;
            }

            OpenJournal();
        }

        /// <summary>Auto becomes the source its documented rule picks (Username), once, with a verbose line saying why.</summary>
        private void ResolveIdentifierSource()
        {
            IdentifierSourceResolution resolution = IdentifierSourceResolver.Resolve(IdentifierSourceConverter.ToEngine(IdentifierSource), null);
            if (resolution.WasAuto)
            {
                WriteVerbose(resolution.Reason);
            }

            _identifierSource = IdentifierSourceConverter.ToPublic(resolution.Source);
        }

        protected override void ProcessRecord()
        {
            _clock.Start();
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

                foreach (MigrationInput read in Read(input))
                {
                    Handle(read);
                }
            }

            ReportProgress(final: false);
        }

        protected override void EndProcessing()
        {
            if (_runner != null)
            {
                _runner.Complete();
                while (!_runner.IsFinished)
                {
                    TakeOutcome(ProgressInterval);
                }
            }

            ReportProgress(final: true);
            WriteVerbose(Summary());
        }

        protected override void StopProcessing() => _cancel.Cancel();

        public void Dispose()
        {
            // Cancels what is still in flight (after Ctrl+C or a terminating error); outcomes already known are journaled.
            _runner?.Dispose();
            _api?.Dispose();
            _journal?.Dispose();
            _cancel.Dispose();
        }

        private static string DescribeUser(MigrationWorkItem item)
        {
            string text = $"Cognito user '{item.DisplayName}'";
            var details = new List<string>();
            if (item.Email != null)
            {
                details.Add(item.Email);
            }

            if (item.ExternalId != null)
            {
                details.Add("external_id " + item.ExternalId);
            }

            return details.Count == 0 ? text : text + " (" + string.Join(", ", details) + ")";
        }

        private bool IsWhatIfRun()
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? bound))
            {
                return LanguagePrimitives.IsTrue(bound);
            }

            return LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        }

        private void OpenJournal()
        {
            if (JournalPath == null)
            {
                return;
            }

            string path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
            try
            {
                // -WhatIf writes nothing, the journal included; it still reads it to leave out finished users.
                _journal = _whatIf ? MigrationJournal.OpenForReading(path) : MigrationJournal.Open(path);
            }
            catch (MigrationJournalException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, JournalUnavailable, ErrorCategory.ResourceUnavailable, JournalPath));
            }

            if (_journal != null)
            {
                WriteVerbose(
                    $"Journal {_journal.Path}: {_journal.RecordsRead} record(s) from earlier runs, {_journal.FinishedUserCount} user(s) finished" +
                    (_journal.IgnoredLines > 0 ? $", {_journal.IgnoredLines} unreadable line(s) ignored (a torn last line is normal after a crash)." : "."));
            }
        }

        private IEnumerable<MigrationInput> Read(PSObject input)
        {
            if (DigestInputReader.TryRead(input, out MigrationInput? digest))
            {
                yield return digest!;
                yield break;
            }

            if (input.BaseObject is IEnumerable collection && !(input.BaseObject is string) && !(input.BaseObject is IDictionary))
            {
                // An array passed as one pipeline object (,@(...)) or as a property value: each element on its own.
                foreach (object? element in collection)
                {
                    if (element != null)
                    {
                        foreach (MigrationInput read in Read(PSObject.AsPSObject(element)))
                        {
                            yield return read;
                        }
                    }
                }

                yield break;
            }

            _cognitoUsers ??= new CognitoUserInputConverter(ClientId, UserPoolId, _identifierSource, IncludeUsername.IsPresent);
            foreach (MigrationInput read in _cognitoUsers.Convert(input))
            {
                yield return read;
            }
        }

        private void Handle(MigrationInput read)
        {
            foreach (string warning in read.Warnings)
            {
                WriteWarning(warning);
            }

            MigrationWorkItem? item = read.WorkItem;
            if (item == null)
            {
                if (read.IsSetupError)
                {
                    ThrowTerminatingError(read.Error!);
                }

                ReportSkipped(read);
                return;
            }

            if (_journal != null && _journal.TryGetFinished(item, out MigrationJournalRecord? record))
            {
                WriteVerbose($"{DescribeUser(item)}: {record!.Status} in an earlier run (journal), Clerk user {record.ClerkUserId}; not sent again.");
                WriteResult(ResultFor(item, ParseStatus(record.Status), fromJournal: true, clerkUserId: record.ClerkUserId));
                return;
            }

            if (!ShouldProcess(DescribeUser(item), "Create Clerk user"))
            {
                _wouldSend++;
                return;
            }

            EnsureRunner();
            while (!_runner!.TryPost(item))
            {
                // Full (back-pressure) or stopped: taking outcomes makes room, or throws the reason it stopped.
                TakeOutcome(ProgressInterval);
            }
        }

        private void ReportSkipped(MigrationInput read)
        {
            if (!read.ReportedUpstream)
            {
                WriteError(read.Error!);
            }

            var result = new ClerkMigrationResult
            {
                Status = nameof(ClerkMigrationStatus.Skipped),
                CognitoUsername = read.CognitoUsername,
                Email = read.Email,
                ExternalId = read.ExternalId,
                UserPoolId = read.UserPoolId,
                ErrorCode = read.ErrorId,
                Reason = read.Error!.Exception?.Message,
            };

            AppendToJournal(new MigrationJournalRecord
            {
                UserPoolId = result.UserPoolId,
                CognitoUsername = result.CognitoUsername,
                ExternalId = result.ExternalId,
                Status = nameof(MigrationStatus.Skipped),
                ErrorCode = result.ErrorCode,
            });
            WriteResult(result);
        }

        private void AppendToJournal(MigrationJournalRecord record)
        {
            try
            {
                _journal?.Append(record);
            }
            catch (MigrationJournalException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, JournalWriteFailed, ErrorCategory.WriteError, JournalPath));
            }
        }

        /// <summary>The first user approved by ShouldProcess connects: -WhatIf never needs a key and makes no call at all.</summary>
        private void EnsureRunner()
        {
            if (_runner != null)
            {
                return;
            }

            ClerkSecretKey? key = null;
            try
            {
                key = ClerkSecretKeyReader.Read(SecretKey);
            }
            catch (ArgumentException)
            {
                // A blank key is the same as none.
            }

            if (key == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException($"No Clerk secret key: pass -SecretKey or set $env:{EnvironmentDefaults.ClerkSecretKeyVariable}."),
                    SecretKeyMissing,
                    ErrorCategory.InvalidArgument,
                    null));
            }

            int? rateOverride = IsBound(nameof(RequestsPer10Seconds)) ? RequestsPer10Seconds : (int?)null;
            try
            {
                _api = ClerkApiConnector.Connect(key!, ApiUrl, rateOverride);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, ApiUrlInvalid, ErrorCategory.InvalidArgument, null));
            }

            // One read before any write: a rejected key stops here, once, and the instance tells the pace.
            ClerkInstanceInfo? instance = null;
            try
            {
                instance = Wait(_api!.GetInstanceAsync(_cancel.Token));
            }
            catch (ClerkApiException ex) when (!ex.IsAuthenticationFailure)
            {
                // A proxy or gateway without this route: the client then paces at the development limit, the safe one.
                WriteWarning($"GET /v1/instance failed ({ex.Message}); pacing at the lower, development limit unless -RequestsPer10Seconds says otherwise.");
            }

            int rate = 0;
            try
            {
                rate = Wait(_api!.GetRequestsPer10SecondsAsync(_cancel.Token));
            }
            catch (ClerkApiException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, Unreachable, ErrorCategory.ConnectionError, null));
            }

            int throttle = IsBound(nameof(ThrottleLimit)) ? ThrottleLimit : MigrationRunnerOptions.RecommendedThrottleLimit(rate);
            WriteVerbose(
                (instance == null ? "Clerk instance of unknown kind" : $"Clerk {instance.EnvironmentType} instance {instance.Id}") +
                $": {rate} requests per 10 s" +
                (rateOverride.HasValue ? " (-RequestsPer10Seconds)" : instance != null ? " (Clerk's documented limit)" : string.Empty) +
                $", up to {throttle} in flight.");

            _runner = new MigrationRunner(
                _api!,
                new MigrationRunnerOptions
                {
                    ThrottleLimit = throttle,
                    Journal = _journal,

                    // Ctrl+C must come back within a second; in-flight HTTP is cancelled, not waited for.
                    ShutdownTimeout = TimeSpan.FromMilliseconds(300),
                },
                _cancel.Token);
        }

        /// <summary>
        /// Sync-over-async on the pipeline thread for the set-up calls: Ctrl+C cancels them, a rejected key and an
        /// unreachable Clerk are one terminating error each; other Clerk answers are the caller's to handle.
        /// </summary>
        private T Wait<T>(System.Threading.Tasks.Task<T> call)
        {
            try
            {
                return call.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (ClerkApiException ex) when (ex.IsAuthenticationFailure)
            {
                ThrowTerminatingError(AuthenticationRecord(ex));
                throw;
            }
            catch (ClerkApiException)
            {
                throw;
            }
            catch (Exception ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, Unreachable, ErrorCategory.ConnectionError, null)
                {
                    ErrorDetails = new ErrorDetails("Clerk could not be reached: " + ex.Message)
                    {
                        RecommendedAction = $"Check -ApiUrl or $env:{EnvironmentDefaults.ClerkApiUrlVariable}, and the network path to Clerk.",
                    },
                });
                throw;
            }
        }

        private void WriteReadyOutcomes()
        {
            if (_runner == null)
            {
                return;
            }

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
                taken = _runner!.TryTakeOutcome(timeout, _cancel.Token, out outcome);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (MigrationAbortedException ex)
            {
                ThrowTerminatingError(AbortRecord(ex));
            }

            if (taken)
            {
                WriteOutcome(outcome!);
            }

            ReportProgress(final: false);
            return taken;
        }

        private void WriteOutcome(MigrationOutcome outcome)
        {
            ClerkMigrationResult result = ResultFor(outcome.Item, ParseStatus(outcome.Status.ToString()), outcome.FromJournal, outcome.ClerkUserId);
            result.ConflictingClerkUserId = outcome.ConflictingClerkUserId;
            result.ErrorCode = outcome.ErrorCode ?? outcome.ErrorId;
            result.TraceId = outcome.TraceId;
            result.Reason = outcome.Reason;

            if (outcome.IsError)
            {
                WriteError(ErrorRecordFor(outcome));
            }
            else
            {
                WriteVerbose($"{DescribeUser(outcome.Item)}: {outcome.Status}, Clerk user {outcome.ClerkUserId}.");
            }

            WriteResult(result);
        }

        /// <summary>
        /// A user the journal records as finished (Created or AlreadyMigrated in an earlier run) is AlreadyMigrated now,
        /// never Created again: `Group-Object Status` over several runs then counts each creation once.
        /// </summary>
        private ClerkMigrationResult ResultFor(MigrationWorkItem item, ClerkMigrationStatus status, bool fromJournal, string? clerkUserId)
        {
            return new ClerkMigrationResult
            {
                Status = (fromJournal ? ClerkMigrationStatus.AlreadyMigrated : status).ToString(),
                ClerkUserId = clerkUserId,
                CognitoUsername = item.CognitoUsername,
                Email = item.Email,
                ExternalId = item.ExternalId,
                UserPoolId = item.UserPoolId,
                FromJournal = fromJournal,
                Reason = fromJournal ? $"{status} in an earlier run (journal); not sent to Clerk again." : null,
            };
        }

        private static ClerkMigrationStatus ParseStatus(string? status) =>
            (ClerkMigrationStatus)Enum.Parse(typeof(ClerkMigrationStatus), status ?? nameof(ClerkMigrationStatus.Failed));

        private void WriteResult(ClerkMigrationResult result)
        {
            _reported++;
            ClerkMigrationStatus status = ParseStatus(result.Status);
            _counts.TryGetValue(status, out int count);
            _counts[status] = count + 1;
            WriteObject(result);
        }

        private static ErrorRecord ErrorRecordFor(MigrationOutcome outcome)
        {
            string errorId = outcome.ErrorId ?? MigrationErrorCodes.RequestFailed;
            ErrorCategory category;
            string action;
            switch (outcome.Status)
            {
                case MigrationStatus.Conflict:
                    category = ErrorCategory.ResourceExists;
                    action = $"Decide which account is the person's: merge or delete Clerk user {outcome.ConflictingClerkUserId}, or change the Cognito user's email or phone, then run again.";
                    break;
                case MigrationStatus.AlreadyExists:
                    category = ErrorCategory.ResourceExists;
                    action = "Find the Clerk user that holds the identifier Clerk names and resolve the duplicate, then run again.";
                    break;
                default:
                    bool rejected = errorId == MigrationErrorCodes.UserRejected;
                    category = rejected ? ErrorCategory.InvalidData : ErrorCategory.ConnectionError;
                    action = rejected
                        ? "Fix what Clerk names (the payload, or the instance's user settings in the Clerk Dashboard), then run again."
                        : "Run the same command again: users Clerk already has are recognised by external_id and not created twice.";
                    break;
            }

            string message = $"{DescribeUser(outcome.Item)}: {outcome.Reason}";
            var record = new ErrorRecord(new InvalidOperationException(message, outcome.Exception), errorId, category, outcome.Item.State)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
            };
            record.CategoryInfo.TargetName = outcome.Item.DisplayName;
            return record;
        }

        private static ErrorRecord AuthenticationRecord(ClerkApiException ex)
        {
            return new ErrorRecord(ex, AuthenticationFailed, ErrorCategory.AuthenticationError, null)
            {
                ErrorDetails = new ErrorDetails($"Clerk rejected the secret key: {ex.Message}")
                {
                    RecommendedAction = $"Pass the target instance's secret key (sk_live_... or sk_test_...) with -SecretKey or $env:{EnvironmentDefaults.ClerkSecretKeyVariable}.",
                },
            };
        }

        private static ErrorRecord AbortRecord(MigrationAbortedException aborted)
        {
            Exception cause = aborted.InnerException ?? aborted;
            if (cause is ClerkApiException api && api.IsAuthenticationFailure)
            {
                return AuthenticationRecord(api);
            }

            if (cause is ClerkApiException quota)
            {
                return new ErrorRecord(quota, UserQuotaExceeded, ErrorCategory.QuotaExceeded, null)
                {
                    ErrorDetails = new ErrorDetails($"The Clerk instance accepts no more users: {quota.Message}")
                    {
                        RecommendedAction = "Development instances are capped; migrate into a production instance, or raise the plan's limit.",
                    },
                };
            }

            if (cause is MigrationJournalException journal)
            {
                return new ErrorRecord(journal, JournalWriteFailed, ErrorCategory.WriteError, journal.Path);
            }

            return new ErrorRecord(cause, MigrationStopped, ErrorCategory.NotSpecified, null);
        }

        private void ReportProgress(bool final)
        {
            if (final)
            {
                if (_progressShown)
                {
                    WriteProgress(new ProgressRecord(ProgressActivityId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
                }

                return;
            }

            if (_sinceProgress.IsRunning && _sinceProgress.Elapsed < ProgressInterval)
            {
                return;
            }

            _sinceProgress.Restart();
            _progressShown = true;

            double seconds = _clock.Elapsed.TotalSeconds;
            double rate = seconds > 0 ? _reported / seconds : 0;
            string status = (_total.HasValue
                    ? $"{_reported} of {_total} users"
                    : $"{_reported} users")
                + string.Format(CultureInfo.InvariantCulture, ", {0:0.0}/s", rate);

            var progress = new ProgressRecord(ProgressActivityId, Activity, status)
            {
                CurrentOperation = CountsText(),
            };

            if (_total.HasValue && _total.Value > 0)
            {
                progress.PercentComplete = Math.Min(100, (int)(100L * _reported / _total.Value));
                if (rate > 0 && _total.Value > _reported)
                {
                    progress.SecondsRemaining = (int)Math.Ceiling((_total.Value - _reported) / rate);
                }
            }

            WriteProgress(progress);
        }

        private string Activity => _whatIf ? "Checking users for Clerk (WhatIf)" : "Creating Clerk users";

        private string CountsText()
        {
            var parts = new List<string>();
            foreach (ClerkMigrationStatus status in (ClerkMigrationStatus[])Enum.GetValues(typeof(ClerkMigrationStatus)))
            {
                if (_counts.TryGetValue(status, out int count) && count > 0)
                {
                    parts.Add($"{status} {count}");
                }
            }

            if (_runner != null)
            {
                int inFlight = _runner.GetProgress().InFlight;
                if (inFlight > 0)
                {
                    parts.Add($"in flight {inFlight}");
                }
            }

            if (_wouldSend > 0)
            {
                parts.Add($"would create {_wouldSend}");
            }

            return parts.Count == 0 ? "Starting" : string.Join(", ", parts);
        }

        private string Summary()
        {
            if (_reported == 0 && _wouldSend == 0 && _runner == null)
            {
                return "No users on the input: nothing was sent to Clerk.";
            }

            string text = $"{_reported} result(s) in {_clock.Elapsed.TotalSeconds:0.0} s: {CountsText()}.";
            if (_runner != null)
            {
                MigrationProgress progress = _runner.GetProgress();
                text += $" Clerk calls: {progress.CreateCalls} create(s), {progress.LookupCalls} lookup(s).";
            }

            return text;
        }
    }
}
