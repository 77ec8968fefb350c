using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Management.Automation;
using System.Security;
using CognitoClerk.Completion;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Cutover;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Errors;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Get-ClerkMigrationStatus: where every user stands between Cognito and Clerk. Without pipeline input it
    /// reads the whole pool (the parameters and defaults of Get-CognitoMigrationUser), then lists the Clerk users
    /// that came from it to find those deleted in Cognito; with Cognito users on the pipeline it reports just those.
    /// Thin over <see cref="MigrationStatusRunner"/> and <see cref="DeletedUserScan"/>: users are posted as they
    /// are read and rows written as their lookups answer, so memory stays flat but for the pool's compact sub set.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ClerkMigrationStatus", DefaultParameterSetName = PoolSet)]
    [OutputType(typeof(ClerkMigrationUserStatus), typeof(ClerkMigrationStatusSummary))]
    public sealed class GetClerkMigrationStatusCommand : ClerkMigrationCmdlet
    {
        private const string PoolSet = "Pool";
        private const string InputSet = "InputObject";
        private const int ProgressActivityId = 0x5354;

        // Retries happen on worker threads; their messages wait here for the pipeline thread.
        private readonly ConcurrentQueue<string> _retryMessages = new ConcurrentQueue<string>();
        private readonly ProgressPace _progress = new ProgressPace(ProgressActivityId);
        private readonly MigrationStatusTally _tally = new MigrationStatusTally();
        private ClerkBackendApi? _api;
        private MigrationStatusRunner? _runner;
        private PoolSubSet? _poolSubs;
        private DigestOptions? _digest;
        private string? _pool;
        private int _throttle;
        private long _requestsBefore;
        private int _rows;
        private int _read;
        private int? _estimate;
        private readonly Stopwatch _reading = new Stopwatch();

        /// <summary>Cognito users in any shape ConvertTo-ClerkCognitoDigest accepts: then just these are reported.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputSet)]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>The pool to read (default $env:COGNITO_USER_POOL_ID); with pipeline input, the pool of users that do not say theirs.</summary>
        [Parameter(Position = 0, ParameterSetName = PoolSet)]
        [Parameter(Position = 0, ParameterSetName = InputSet)]
        [ValidateNotNullOrEmpty]
        public string? UserPoolId { get; set; }

        [Parameter(ParameterSetName = PoolSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CognitoRegionCompleter))]
        public string? Region { get; set; }

        [Parameter(ParameterSetName = PoolSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(AwsProfileCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>A ListUsers filter: only those users are read, and DeletedInCognito is not looked for.</summary>
        [Parameter(ParameterSetName = PoolSet)]
        [ValidateLength(1, 256)]
        public string? Filter { get; set; }

        [Parameter(ParameterSetName = PoolSet)]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>
        /// ListUsers calls a second at most, as Get-CognitoMigrationUser -ListUsersPerSecond: the reading of the pool, of
        /// its groups and the single-sub checks of DeletedInCognito together. Default 5: the quota (30 a second) is the
        /// AWS account's and Region's, shared with production.
        /// </summary>
        [Parameter(ParameterSetName = PoolSet)]
        [ValidateRange(0.1, 30.0)]
        public double ListUsersPerSecond { get; set; } = CognitoConnectionSettings.DefaultListUsersPerSecond;

        /// <summary>
        /// Also read the pool's groups, as Get-CognitoMigrationUser -IncludeGroups does, so the place the groups go
        /// is compared too. Without it that place is not compared (unread groups are not "in no group").
        /// </summary>
        [Parameter(ParameterSetName = PoolSet)]
        public SwitchParameter IncludeGroups { get; set; }

        /// <summary>One summary object instead of a row per user.</summary>
        [Parameter]
        public SwitchParameter Summary { get; set; }

        private bool ReadsPool => !MyInvocation.ExpectingInput && !IsBound(nameof(InputObject));

        protected override void BeginProcessing()
        {
            _digest = ResolveMapping(ReadsPool ? null : UserPoolId).Options;
            _api = ConnectClerkInstance(out _throttle);
            _requestsBefore = _api.PacingStatistics.RequestsSent;
            _tally.WholePool = ReadsPool && Filter == null;
        }

        protected override void ProcessRecord()
        {
            if (ReadsPool)
            {
                return;
            }

            foreach (PSObject input in InputObject)
            {
                if (input == null)
                {
                    continue;
                }

                foreach (InputRead<CognitoUser> read in CognitoUserReader.Read(input))
                {
                    if (read.Value == null)
                    {
                        WriteError(ErrorRecords.ForSkip(read.Problem!, read.Source, read.TargetName));
                        continue;
                    }

                    read.Value.UserPoolId ??= _digest!.UserPoolId;
                    Post(read.Value, read.Source);
                }
            }

            ReportProgress(final: false);
        }

        protected override void EndProcessing()
        {
            string? pool = null;
            CognitoIdentityProviderClient? cognito = null;
            try
            {
                if (ReadsPool)
                {
                    cognito = ConnectCognito(UserPoolId, Region, ProfileName, EndpointUrl, retry => _retryMessages.Enqueue(retry.ToString()));
                    pool = _pool = cognito.Connection.UserPoolId;
                    ReadPool(cognito, pool);
                }

                Runner().Complete();
                while (!Runner().IsFinished)
                {
                    TakeEntry(ProgressInterval);
                }

                if (_poolSubs != null && cognito != null)
                {
                    FindDeletedUsers(cognito, pool!);
                }
            }
            finally
            {
                cognito?.Dispose();
            }

            WriteRetryMessages();
            ReportProgress(final: true);
            long requests = _api!.PacingStatistics.RequestsSent - _requestsBefore;
            WriteVerbose($"{_rows} users: {_tally.SignedIn} SignedIn, {_tally.AwaitingFirstSignIn} AwaitingFirstSignIn, {_tally.NotMigrated} NotMigrated, " +
                $"{_tally.CannotMigrate} CannotMigrate, {_tally.DeletedInCognito} DeletedInCognito; {requests} Clerk requests ({Runner().LookupCalls} lookups)" +
                (_poolSubs == null ? "." : $"; the pool's subs held in {_poolSubs.Bytes / 1024.0 / 1024.0:0.0} MB."));
            if (Summary.IsPresent)
            {
                WriteObject(MigrationStatusConverter.ToPublic(_tally, pool ?? _digest!.UserPoolId, _rows, requests));
            }
        }

        protected override void DisposeResources()
        {
            _runner?.Dispose();
            _api?.Dispose();
        }

        private MigrationStatusRunner Runner() =>
            _runner ??= new MigrationStatusRunner(
                _api!,
                new MigrationStatusOptions(_digest!)
                {
                    ThrottleLimit = _throttle,
                    PoolSubs = _poolSubs,
                    UserPoolId = _pool,
                    ShutdownTimeout = TimeSpan.FromMilliseconds(300),
                },
                Cancellation);

        private void ReadPool(CognitoIdentityProviderClient cognito, string pool)
        {
            WriteVerbose($"Reading the users of {pool}" + (Filter == null ? " (the whole pool, so Clerk users deleted from it are looked for too)." : $", filter: {Filter}."));
            var reader = new CognitoUserPageReader(cognito, pool, Filter, ListUsersPerSecond);
            try
            {
                int? estimate = CognitoPoolEstimate.Read(this, cognito, pool, Await, WriteRetryMessages);
                _estimate = Filter == null ? estimate : null;
                if (_estimate is int users)
                {
                    WriteVerbose(CognitoPoolEstimate.ListingDuration(users, ListUsersPerSecond));
                }

                _reading.Start();

                // The one thing a whole-pool run keeps per user, sized once to the pool rather than grown.
                _poolSubs = _tally.WholePool ? new PoolSubSet(estimate ?? 0) : null;
                CognitoGroupMembership? membership = IncludeGroups.IsPresent
                    ? CognitoGroupsReading.Read(this, cognito, pool, ListUsersPerSecond, "Get-ClerkMigrationStatus -IncludeGroups", WriteRetryMessages)
                    : null;
                CognitoUserPage? page;
                while ((page = Await(reader.ReadNextAsync(Cancellation))) != null)
                {
                    WriteRetryMessages();
                    foreach (CognitoUser user in page.Users)
                    {
                        user.UserPoolId ??= pool;
                        if (membership != null)
                        {
                            user.Groups = membership.GroupsOf(user.Username, user.GetAttribute(CognitoAttributeNames.Sub));
                        }

                        _read++;
                        Post(user, null);
                    }

                    ReportProgress(final: false);
                }
            }
            catch (Exception ex) when (ErrorRecords.ForCognito(ex, pool) != null)
            {
                WriteRetryMessages();
                ThrowTerminatingError(ErrorRecords.ForCognito(ex, pool)!);
            }
        }

        private void FindDeletedUsers(CognitoIdentityProviderClient cognito, string pool)
        {
            var scan = new DeletedUserScan(_api!, cognito, pool, _poolSubs!, listUsersPerSecond: ListUsersPerSecond);
            try
            {
                System.Collections.Generic.IReadOnlyList<MigrationStatusEntry>? deleted;
                while ((deleted = Await(scan.ReadNextAsync(Cancellation))) != null)
                {
                    foreach (MigrationStatusEntry entry in deleted)
                    {
                        Write(entry);
                    }

                    ReportProgress(final: false, $"Looking for Clerk users deleted from the pool: {scan.PagesRead} pages of Clerk users read");
                }
            }
            catch (ClerkApiException ex) when (ex.IsAuthenticationFailure)
            {
                ThrowTerminatingError(ClerkAuthenticationRecord(ex));
            }
            catch (Exception ex) when (ex is ClerkApiException || ex is ClerkConnectionException)
            {
                ThrowTerminatingError(ErrorRecords.From(
                    ex,
                    ErrorIds.ClerkStatusLookupFailed,
                    pool,
                    "Run the status again; the rows written so far are complete for their users.",
                    "Listing the Clerk users to find those deleted in Cognito failed: " + ex.Message));
            }
            catch (Exception ex) when (ErrorRecords.ForCognito(ex, pool) != null)
            {
                ThrowTerminatingError(ErrorRecords.ForCognito(ex, pool)!);
            }

            WriteVerbose($"{scan.PagesRead} pages of Clerk users read; {scan.UsersFromPool} came from {pool}; " +
                $"{scan.CognitoChecks} single-sub Cognito checks" + (scan.MadeSecondPass ? " (a second pass settled hash collisions)." : "."));
        }

        private void Post(CognitoUser user, object? input)
        {
            while (!Runner().TryPost(user, input))
            {
                // Full (back-pressure) or stopped: taking entries makes room, or throws why it stopped.
                TakeEntry(ProgressInterval);
            }

            while (TakeEntry(TimeSpan.Zero))
            {
            }
        }

        private bool TakeEntry(TimeSpan timeout)
        {
            MigrationStatusEntry? entry = null;
            bool taken = false;
            try
            {
                taken = Runner().TryTakeEntry(timeout, Cancellation, out entry);
            }
            catch (OperationCanceledException)
            {
                throw new PipelineStoppedException();
            }
            catch (MigrationAbortedException ex)
            {
                ThrowTerminatingError(NewClerkMigratedUserCommand.AbortRecord(ex));
            }

            if (taken)
            {
                Write(entry!);
            }

            ReportProgress(final: false);
            return taken;
        }

        private void Write(MigrationStatusEntry entry)
        {
            _tally.Add(entry);
            _rows++;
            if (entry.LookupFailure != null)
            {
                string message = $"Cognito user '{entry.DisplayName}': Clerk could not be asked about this user: {entry.LookupFailure.Message}";
                ErrorRecord error = ErrorRecords.From(
                    new InvalidOperationException(message, entry.LookupFailure), ErrorIds.ClerkStatusLookupFailed, entry.Input ?? entry.DisplayName, "Run the status again for this user.", message);
                error.CategoryInfo.TargetName = entry.DisplayName;
                WriteError(error);
                return;
            }

            if (!Summary.IsPresent)
            {
                WriteObject(MigrationStatusConverter.ToPublic(entry));
            }
        }

        private void ReportProgress(bool final, string? status = null)
        {
            if (final)
            {
                _progress.Complete(this, "Get-ClerkMigrationStatus");
                return;
            }

            if (!_progress.IsDue())
            {
                return;
            }

            WriteRetryMessages();
            var progress = new ProgressRecord(
                ProgressActivityId,
                "Get-ClerkMigrationStatus",
                status ?? $"{_rows} users reported" + (ReadsPool ? $", {_read} read from Cognito" + (_estimate is int about ? $" of about {about}" : string.Empty) : string.Empty))
            {
                CurrentOperation = $"SignedIn {_tally.SignedIn}, AwaitingFirstSignIn {_tally.AwaitingFirstSignIn}, NotMigrated {_tally.NotMigrated}, CannotMigrate {_tally.CannotMigrate}",
            };
            if (_estimate is int total && status == null)
            {
                progress.PercentComplete = EstimatedProgress.Percent(_rows, total);
                if (_reading.IsRunning)
                {
                    // The listing decides how long a whole-pool run takes: the rest of the pool at the pace read so far.
                    progress.SecondsRemaining = EstimatedProgress.SecondsRemaining(_read, total, _reading.Elapsed);
                }
            }

            WriteProgress(progress);
        }

        private void WriteRetryMessages()
        {
            WriteWaits();
            while (_retryMessages.TryDequeue(out string? message))
            {
                WriteVerbose(message);
            }
        }
    }
}
