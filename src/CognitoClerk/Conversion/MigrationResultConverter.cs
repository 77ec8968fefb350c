using System;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>The engine's outcome of one user to the public <see cref="ClerkMigrationResult"/> written to the pipeline.</summary>
    internal static class MigrationResultConverter
    {
        /// <summary>
        /// A user the journal records as finished (Created or AlreadyMigrated in an earlier run) is AlreadyMigrated now,
        /// never Created again, so `Group-Object Status` over the results of several runs counts each creation once;
        /// Reason says what the earlier run did.
        /// </summary>
        internal static ClerkMigrationResult ToPublic(MigrationOutcome outcome)
        {
            MigrationWorkItem item = outcome.Item;
            return new ClerkMigrationResult
            {
                Status = (outcome.FromJournal ? ClerkMigrationStatus.AlreadyMigrated : ToPublic(outcome.Status)).ToString(),
                ClerkUserId = outcome.ClerkUserId,
                CognitoUsername = item.CognitoUsername,
                Email = item.Email,
                ExternalId = item.ExternalId,
                UserPoolId = item.UserPoolId,
                FromJournal = outcome.FromJournal,
                ConflictingClerkUserId = outcome.ConflictingClerkUserId,
                ErrorCode = outcome.ErrorCode ?? outcome.ErrorId,
                TraceId = outcome.TraceId,
                Reason = outcome.FromJournal ? $"{outcome.Status} in an earlier run (journal); not sent to Clerk again." : outcome.Reason,
            };
        }

        /// <summary>A user that was never sent; <paramref name="reason"/> is the message of the error written for it.</summary>
        internal static ClerkMigrationResult Skipped(MigrationCandidate candidate, string reason)
        {
            return new ClerkMigrationResult
            {
                Status = nameof(ClerkMigrationStatus.Skipped),
                CognitoUsername = candidate.CognitoUsername,
                Email = candidate.Email,
                ExternalId = candidate.ExternalId,
                UserPoolId = candidate.UserPoolId,
                ErrorCode = candidate.Skip?.ErrorId,
                Reason = reason,
            };
        }

        /// <summary>The two enums name the same statuses one for one.</summary>
        private static ClerkMigrationStatus ToPublic(MigrationStatus status) =>
            (ClerkMigrationStatus)Enum.Parse(typeof(ClerkMigrationStatus), status.ToString());
    }
}
