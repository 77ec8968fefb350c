using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Completion;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Text;
using CognitoClerk.Errors;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Streams every user of a Cognito user pool, page by page as ListUsers answers, as
    /// <see cref="CognitoMigrationUser"/> objects. The pool is never held in memory.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CognitoMigrationUser")]
    [OutputType(typeof(CognitoMigrationUser))]
    public sealed class GetCognitoMigrationUserCommand : CognitoClerkCmdlet
    {
        // One progress activity per cmdlet; the number only has to be stable and unlikely to collide.
        private const int ProgressActivityId = 0x0C06;
        private static readonly TimeSpan ProgressInterval = ProgressPace.Interval;

        // Retries happen on worker threads; they wait here for the pipeline thread.
        private readonly ConcurrentQueue<CognitoRetryEvent> _retries = new ConcurrentQueue<CognitoRetryEvent>();
        private readonly Stopwatch _clock = new Stopwatch();
        private bool _retryWarned;
        private string? _progressPool;
        private long _progressCount;
        private int? _progressTotal;

        /// <summary>The pool to list. Default: $env:COGNITO_USER_POOL_ID.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public string? UserPoolId { get; set; }

        /// <summary>Default: the pool ID's prefix, then $env:AWS_REGION.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CognitoRegionCompleter))]
        public string? Region { get; set; }

        /// <summary>A profile of the shared AWS config/credentials files; default: the AWS SDK's default chain.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(AwsProfileCompleter))]
        public string? ProfileName { get; set; }

        /// <summary>A Cognito ListUsers filter expression, passed through as is (e.g. email ^= "ann").</summary>
        [Parameter]
        [ValidateLength(1, 256)]
        public string? Filter { get; set; }

        /// <summary>Default: $env:AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, then $env:AWS_ENDPOINT_URL, then AWS's public endpoint.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? EndpointUrl { get; set; }

        /// <summary>
        /// ListUsers calls a second at most. Default 5: Cognito's ListUsers quota (30 a second) is shared by every app
        /// of the AWS account and Region, production included, and cannot be raised.
        /// </summary>
        [Parameter]
        [ValidateRange(0.1, 30.0)]
        public double ListUsersPerSecond { get; set; } = CognitoConnectionSettings.DefaultListUsersPerSecond;

        /// <summary>
        /// Also read the pool's groups (ListGroups, then ListUsersInGroup per group, before the first user) and give
        /// each user a Groups property. One call per page of a group's members, never one per user.
        /// </summary>
        [Parameter]
        public SwitchParameter IncludeGroups { get; set; }

        protected override void ProcessRecord()
        {
            using (CognitoIdentityProviderClient client = ConnectCognito(
                UserPoolId, Region, ProfileName, EndpointUrl, _retries.Enqueue))
            {
                ListPool(client, client.Connection.UserPoolId);
            }
        }

        private void ListPool(CognitoIdentityProviderClient client, string userPoolId)
        {
            CognitoConnection connection = client.Connection;
            string? poolRegion = UserPoolIdFormat.RegionOf(userPoolId);
            if (poolRegion != null && !string.Equals(poolRegion, connection.Region, StringComparison.OrdinalIgnoreCase))
            {
                // Pools live in the region their ID names; anywhere else Cognito answers ResourceNotFoundException.
                WriteWarning($"The user pool ID {userPoolId} names the region {poolRegion}, but {connection.Region} is used (-Region).");
            }

            WriteVerbose($"Listing the users of {userPoolId} in {connection.Region} at {connection.Endpoint} with " +
                (connection.ProfileName == null ? "the default AWS credentials" : $"the AWS profile '{connection.ProfileName}'") +
                $", at most {ListUsersPerSecond:0.##} ListUsers calls a second" +
                (Filter == null ? "." : $", filter: {ConsoleText.Escape(Filter)}"));

            _clock.Restart();
            _progressPool = userPoolId;
            TimeSpan? lastProgress = null;
            long count = 0;
            bool completed = false;
            try
            {
                // A filter makes the pool's size the wrong total for a percentage.
                int? estimate = CognitoPoolEstimate.Read(this, client, userPoolId, AwaitTellingRetries, WriteRetryMessages);
                int? total = Filter == null ? estimate : null;
                _progressTotal = total;
                if (total is int users)
                {
                    WriteVerbose(CognitoPoolEstimate.ListingDuration(users, ListUsersPerSecond));
                }

                CognitoGroupMembership? membership = IncludeGroups.IsPresent
                    ? CognitoGroupsReading.Read(this, client, userPoolId, ListUsersPerSecond, "Get-CognitoMigrationUser -IncludeGroups", WriteRetryMessages, AwaitTellingRetries)
                    : null;
                var reader = new CognitoUserPageReader(client, userPoolId, Filter, ListUsersPerSecond);
                CognitoUserPage? page;
                while ((page = AwaitTellingRetries(reader.ReadNextAsync(Cancellation))) != null)
                {
                    WriteRetryMessages();
                    WriteVerbose($"Page {reader.PagesRead}: {page.Users.Count} users" +
                        (page.Rejected.Count > 0 ? $" and {page.Rejected.Count} unreadable entr{(page.Rejected.Count == 1 ? "y" : "ies")}" : string.Empty) +
                        (page.PaginationToken == null ? "; last page." : "; more follow."));

                    // One bad record is one error; the rest of the page and the listing go on.
                    foreach (CognitoRejectedRecord rejected in page.Rejected)
                    {
                        WriteError(ErrorRecords.ForRejectedRecord(rejected, reader.PagesRead, userPoolId));
                    }

                    foreach (CognitoUser user in page.Users)
                    {
                        if (membership != null)
                        {
                            user.Groups = membership.GroupsOf(user.Username, user.GetAttribute(CognitoAttributeNames.Sub));
                        }

                        CognitoMigrationUser output = MigrationUserConverter.ToPublic(user);
                        output.UserPoolId = userPoolId;
                        WriteObject(output);
                        count++;
                        _progressCount = count;

                        if (lastProgress == null || _clock.Elapsed - lastProgress.Value >= ProgressInterval)
                        {
                            lastProgress = _clock.Elapsed;
                            WriteProgress(Progress(userPoolId, count, total, _clock.Elapsed, null));
                        }
                    }
                }

                WriteVerbose($"Read {count} users of {userPoolId} in {reader.PagesRead} pages ({_clock.Elapsed.TotalSeconds:0.0} s, " +
                    $"{reader.PacingWait.TotalSeconds:0.0} s of it pacing ListUsers)" +
                    (reader.RecordsRejected > 0 ? $"; {reader.RecordsRejected} unreadable entr{(reader.RecordsRejected == 1 ? "y" : "ies")} reported as errors." : "."));
                completed = true;
            }
            catch (Exception ex) when (ErrorRecords.ForCognito(ex, userPoolId) != null)
            {
                WriteRetryMessages();
                completed = true;
                Complete(userPoolId, count);
                ThrowTerminatingError(Filter != null && ex is CognitoServiceException service && service.ErrorType == CognitoErrorTypes.InvalidParameter
                    ? ErrorRecords.ForInvalidFilter(service, Filter, userPoolId)
                    : ErrorRecords.ForCognito(ex, userPoolId)!);
            }
            finally
            {
                // `Get-CognitoMigrationUser | Select-Object -First 30 | New-ClerkMigratedUser`: Select-Object stops this
                // cmdlet from inside WriteObject, and without this the "30 users read" bar stayed on screen for the
                // whole migration. A stopped pipeline (Ctrl+C) refuses the write; its bars go with it anyway.
                if (!completed && lastProgress != null)
                {
                    try
                    {
                        Complete(userPoolId, count);
                    }
                    catch (PipelineStoppedException)
                    {
                    }
                }
            }

            Complete(userPoolId, count);
        }

        // A new record each time: hosts may keep the records they were given, so one must never be changed after writing it.
        private static ProgressRecord Progress(string userPoolId, long count, int? total, TimeSpan elapsed, string? operation)
        {
            var progress = new ProgressRecord(
                ProgressActivityId,
                "Get-CognitoMigrationUser",
                total.HasValue ? $"{count} of about {total.Value} users read from {userPoolId}" : $"{count} users read from {userPoolId}");
            if (operation != null)
            {
                progress.CurrentOperation = operation;
            }

            if (total.HasValue)
            {
                progress.PercentComplete = EstimatedProgress.Percent(count, total.Value);
                progress.SecondsRemaining = EstimatedProgress.SecondsRemaining(count, total.Value, elapsed);
            }

            return progress;
        }

        private void Complete(string userPoolId, long count)
        {
            WriteProgress(new ProgressRecord(ProgressActivityId, "Get-CognitoMigrationUser", $"{count} users read from {userPoolId}")
            {
                RecordType = ProgressRecordType.Completed,
                PercentComplete = 100,
            });
        }

        /// <summary>
        /// Waits for a call on the pipeline thread, writing its retries as they happen: an endpoint that does not
        /// answer is said at once (a warning and the progress bar), not after half a minute of silent retries.
        /// </summary>
        private T AwaitTellingRetries<T>(Task<T> call)
        {
            while (!call.IsCompleted)
            {
                ((IAsyncResult)call).AsyncWaitHandle.WaitOne(ProgressInterval);
                WriteRetryMessages();
            }

            WriteRetryMessages();
            return Await(call);
        }

        private void WriteRetryMessages()
        {
            while (_retries.TryDequeue(out CognitoRetryEvent? retry))
            {
                WriteVerbose(retry.ToString());
                if (_progressPool != null)
                {
                    WriteProgress(Progress(_progressPool, _progressCount, _progressTotal, _clock.Elapsed, retry.ToString()));
                }

                if (!_retryWarned && !retry.IsThrottling)
                {
                    // Throttling is routine and paced; a failing endpoint is worth telling at once.
                    _retryWarned = true;
                    WriteWarning(retry + " Retrying with backoff; the command ends with an error if Cognito keeps failing.");
                }
            }
        }
    }
}
