using System;
using System.Linq;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Cutover;

namespace CognitoClerk.Conversion
{
    /// <summary>The status run's engine types and the public ones of Get-ClerkMigrationStatus and Sync-ClerkMigratedUser, both ways.</summary>
    internal static class MigrationStatusConverter
    {
        internal static ClerkMigrationUserStatus ToPublic(MigrationStatusEntry entry)
        {
            CognitoMigrationUser? user = null;
            if (entry.CognitoUser != null)
            {
                user = MigrationUserConverter.ToPublic(entry.CognitoUser);
                user.UserPoolId ??= entry.UserPoolId;
            }

            return new ClerkMigrationUserStatus
            {
                Username = entry.Username,
                ExternalId = entry.ExternalId,
                ClerkUserId = entry.ClerkUserId,
                State = ToPublic(entry.State),
                CognitoEnabled = entry.CognitoEnabled,
                Changes = entry.Differences.Select(d => d.Field).ToArray(),
                LastSignInAt = entry.LastSignInAt?.UtcDateTime,
                Reason = entry.Reason,
                ClerkBanned = entry.ClerkBanned,
                ClerkLocked = entry.ClerkLocked,
                UserPoolId = entry.UserPoolId,
                Email = entry.CognitoUser?.GetAttribute(CognitoAttributeNames.Email),
                CognitoUser = user,
            };
        }

        internal static ClerkMigrationStatusSummary ToPublic(MigrationStatusTally tally, string? userPoolId, int users, long clerkRequests) => new ClerkMigrationStatusSummary
        {
            UserPoolId = userPoolId,
            WholePool = tally.WholePool,
            Users = users,
            SignedIn = tally.SignedIn,
            AwaitingFirstSignIn = tally.AwaitingFirstSignIn,
            NotMigrated = tally.NotMigrated,
            CannotMigrate = tally.CannotMigrate,
            DeletedInCognito = tally.DeletedInCognito,
            NotRead = tally.NotRead,
            SignedInPercent = tally.SignedInPercent,
            StillNeedCognito = tally.StillNeedCognito,
            Changed = tally.Changed,
            DisabledButActiveInClerk = tally.DisabledButActiveInClerk,
            CanSwitchOffCognito = tally.CognitoCanBeSwitchedOff,
            Verdict = tally.Verdict(),
            CognitoQuota = tally.QuotaReminder(),
            ClerkRequests = clerkRequests,
        };

        internal static ClerkSyncResult ToPublic(SyncOutcome outcome) => new ClerkSyncResult
        {
            Status = (ClerkSyncStatus)Enum.Parse(typeof(ClerkSyncStatus), outcome.Status.ToString()),
            Username = outcome.Row.Username,
            ClerkUserId = outcome.ClerkUserId ?? outcome.Row.ClerkUserId,
            ExternalId = outcome.Row.ExternalId,
            State = ToPublic(outcome.Row.State),
            Applied = outcome.Applied.ToArray(),
            Reason = outcome.Reason,
            ErrorCode = outcome.ErrorId,
            UserPoolId = outcome.Row.UserPoolId,
        };

        internal static ClerkMigrationState ToPublic(MigrationState state) =>
            (ClerkMigrationState)Enum.Parse(typeof(ClerkMigrationState), state.ToString());

        internal static MigrationState ToEngine(ClerkMigrationState state) =>
            (MigrationState)Enum.Parse(typeof(MigrationState), state.ToString());

        internal static DisabledInCognitoAction ToEngine(ClerkDisabledUserAction action) =>
            (DisabledInCognitoAction)Enum.Parse(typeof(DisabledInCognitoAction), action.ToString());

        internal static DeletedInCognitoAction ToEngine(ClerkDeletedUserAction action) =>
            (DeletedInCognitoAction)Enum.Parse(typeof(DeletedInCognitoAction), action.ToString());
    }
}
