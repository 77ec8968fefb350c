using System;
using System.Threading.Tasks;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Cognito's estimate of a pool's size (DescribeUserPool's EstimatedNumberOfUsers), read once before the first
    /// ListUsers call: Get-CognitoMigrationUser shows a percentage and an ETA from it, Get-ClerkMigrationStatus also
    /// sizes its compact set of the pool's subs once from it. A policy may allow ListUsers without DescribeUserPool,
    /// so a refusal is no error: the listing goes on without an estimate, and ListUsers says whether it may.
    /// </summary>
    internal static class CognitoPoolEstimate
    {
        /// <summary>The estimate, or null when there is none or it could not be read (said on the verbose stream).</summary>
        /// <param name="cmdlet">The cmdlet that reads, on its pipeline thread.</param>
        /// <param name="awaitPool">Waits for the call on the pipeline thread (telling retries as they happen).</param>
        /// <param name="writeRetryMessages">Writes the retries met so far (they happen on worker threads).</param>
        /// <exception cref="CognitoServiceException">The pool does not exist or the credentials were rejected: the caller stops here, before any user is read.</exception>
        internal static int? Read(
            CognitoClerkCmdlet cmdlet,
            CognitoIdentityProviderClient client,
            string userPoolId,
            Func<Task<CognitoUserPool>, CognitoUserPool> awaitPool,
            Action writeRetryMessages)
        {
            try
            {
                CognitoUserPool pool = awaitPool(client.DescribeUserPoolAsync(userPoolId, cmdlet.Cancellation));
                writeRetryMessages();
                if (pool.EstimatedNumberOfUsers is not int estimate || estimate <= 0)
                {
                    return null;
                }

                cmdlet.WriteVerbose($"{userPoolId} ('{pool.Name}') holds about {estimate} users.");
                return estimate;
            }
            catch (CognitoServiceException ex) when (!ex.IsResourceNotFound && !ex.IsCredentialRejection)
            {
                writeRetryMessages();
                cmdlet.WriteVerbose($"No user count for the pool: DescribeUserPool failed with {ex.ErrorType}.");
                return null;
            }
            catch (Exception ex) when (ex is CognitoTransportException || ex is CognitoResponseException)
            {
                writeRetryMessages();
                cmdlet.WriteVerbose($"No user count for the pool: {ex.Message}");
                return null;
            }
        }

        /// <summary>What reading a pool of about <paramref name="users"/> takes at the listing pace: for a big pool the figure an admin plans around.</summary>
        internal static string ListingDuration(int users, double listUsersPerSecond)
        {
            long pages = (users + CognitoIdentityProviderClient.ListUsersPageLimit - 1) / CognitoIdentityProviderClient.ListUsersPageLimit;
            TimeSpan time = TimeSpan.FromSeconds(pages / listUsersPerSecond);
            string about = time.TotalMinutes >= 2 ? $"{time.TotalMinutes:0} minutes" : $"{time.TotalSeconds:0} s";
            return $"About {users} users: about {pages} ListUsers calls, {about} at {listUsersPerSecond:0.##} a second" +
                (time.TotalMinutes >= 10 && listUsersPerSecond < CognitoConnectionSettings.MaxListUsersPerSecond
                    ? $" (-ListUsersPerSecond up to {CognitoConnectionSettings.MaxListUsersPerSecond:0} shortens it when nothing else of the AWS account lists users)."
                    : ".");
        }
    }
}
