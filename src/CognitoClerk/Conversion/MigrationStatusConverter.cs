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
                State = entry.State.ToString(),
                CognitoEnabled = entry.CognitoEnabled,
                Changes = new ClerkValueList(entry.Differences.Select(d => d.Field)),
                LastSignInAt = entry.LastSignInAt?.UtcDateTime,
                Reason = entry.Reason,
                ClerkBanned = entry.ClerkBanned,
                ClerkLocked = entry.ClerkLocked,
                ModuleRestriction = entry.ModuleRestriction == AccessChange.None ? null : entry.ModuleRestriction.ToString(),
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
            ReenabledButBanned = tally.ReenabledButBanned,
            CanSwitchOffCognito = tally.CognitoCanBeSwitchedOff,
            Verdict = tally.Verdict(),
            CognitoQuota = tally.QuotaReminder(),
            ClerkRequests = clerkRequests,
        };

        internal static ClerkSyncResult ToPublic(SyncOutcome outcome) => new ClerkSyncResult
        {
            Status = outcome.Status.ToString(),
            Username = outcome.Row.Username,
            ClerkUserId = outcome.ClerkUserId ?? outcome.Row.ClerkUserId,
            ExternalId = outcome.Row.ExternalId,
            State = outcome.Row.State.ToString(),
            Applied = new ClerkValueList(outcome.Applied),
            Reason = outcome.Reason,
            ErrorCode = outcome.ErrorId,
            UserPoolId = outcome.Row.UserPoolId,
        };

        /// <summary>A state's name (any case) as the engine's state; false for text that names none.</summary>
        internal static bool TryToEngine(string? state, out MigrationState engine)
        {
            engine = default;
            return state != null && Enum.TryParse(state.Trim(), ignoreCase: true, out ClerkMigrationState known)
                && Enum.TryParse(known.ToString(), out engine);
        }

        internal static DisabledInCognitoAction ToEngine(ClerkDisabledUserAction action) =>
            (DisabledInCognitoAction)Enum.Parse(typeof(DisabledInCognitoAction), action.ToString());

        internal static DeletedInCognitoAction ToEngine(ClerkDeletedUserAction action) =>
            (DeletedInCognitoAction)Enum.Parse(typeof(DeletedInCognitoAction), action.ToString());
    }
}
