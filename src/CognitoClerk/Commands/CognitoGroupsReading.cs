using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// -IncludeGroups of Get-CognitoMigrationUser and Get-ClerkMigrationStatus: every group of the pool and its
    /// members, read before the first user (a user's groups must be known when the user is), with progress per
    /// page. The pages themselves are not kept, only the compact membership map.
    /// </summary>
    internal static class CognitoGroupsReading
    {
        private const int ProgressActivityId = 0x0C07;

        /// <param name="cmdlet">The cmdlet that reads, on its pipeline thread.</param>
        /// <param name="listUsersPerSecond">The pace of the group calls, as of ListUsers (-ListUsersPerSecond).</param>
        /// <param name="activity">The progress bar's activity, the cmdlet and its switch.</param>
        /// <param name="writeRetryMessages">Writes the retries met so far (they happen on worker threads).</param>
        /// <param name="awaitPage">Waits for a page on the pipeline thread (telling retries as they happen); default: the cmdlet's Await.</param>
        internal static CognitoGroupMembership Read(
            CognitoClerkCmdlet cmdlet,
            CognitoIdentityProviderClient client,
            string userPoolId,
            double listUsersPerSecond,
            string activity,
            Action writeRetryMessages,
            Func<Task<bool>, bool>? awaitPage = null)
        {
            awaitPage ??= cmdlet.Await;
            var clock = Stopwatch.StartNew();
            var reader = new CognitoGroupMembershipReader(client, userPoolId, listUsersPerSecond);
            TimeSpan? lastProgress = null;
            while (awaitPage(reader.ReadNextPageAsync(cmdlet.Cancellation)))
            {
                writeRetryMessages();
                if (lastProgress == null || clock.Elapsed - lastProgress.Value >= ProgressPace.Interval)
                {
                    lastProgress = clock.Elapsed;
                    var progress = new ProgressRecord(
                        ProgressActivityId,
                        activity,
                        reader.CurrentGroup == null
                            ? $"Listing the groups of {userPoolId}: {reader.GroupCount} so far"
                            : $"Group {reader.GroupsRead + 1} of {reader.GroupCount} ('{reader.CurrentGroup}'): {reader.MembersRead} memberships read");
                    if (reader.GroupCount > 0 && reader.CurrentGroup != null)
                    {
                        progress.PercentComplete = Math.Min(99, reader.GroupsRead * 100 / reader.GroupCount);
                    }

                    cmdlet.WriteProgress(progress);
                }
            }

            CognitoGroupMembership membership = reader.Membership!;
            cmdlet.WriteProgress(new ProgressRecord(ProgressActivityId, activity, "Groups read")
            {
                RecordType = ProgressRecordType.Completed,
                PercentComplete = 100,
            });
            foreach (string vanished in reader.VanishedGroups)
            {
                cmdlet.WriteWarning($"The group '{vanished}' of {userPoolId} was deleted while the groups were read; no user is given it.");
            }

            string names = string.Join(", ", membership.Groups.Take(10)) + (membership.Groups.Count > 10 ? ", ..." : string.Empty);
            cmdlet.WriteVerbose($"Read {membership.Groups.Count} groups of {userPoolId} ({names}): " +
                $"{membership.MembershipCount} memberships of {membership.MemberCount} users, in {membership.DistinctGroupSets - 1} different combinations, " +
                $"{reader.PagesRead} pages ({clock.Elapsed.TotalSeconds:0.0} s).");
            return membership;
        }
    }
}
