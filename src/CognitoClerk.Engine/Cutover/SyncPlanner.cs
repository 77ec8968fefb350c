using System;
using System.Globalization;
using System.Linq;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// The sync's rules, row by row: NotMigrated is created; CannotMigrate is left; a user in Clerk who has not
    /// signed in gets the fields Cognito changed, and the disabled action when Cognito disabled them; a user
    /// Cognito deleted gets the deleted action. A user who signed in to Clerk is left alone (their drift reported)
    /// unless signed-in users are included: from their first sign-in Clerk is their source of truth.
    /// </summary>
    public static class SyncPlanner
    {
        public static SyncPlan Plan(SyncRow row, SyncOptions options)
        {
            if (row == null)
            {
                throw new ArgumentNullException(nameof(row));
            }

            if (options == null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            switch (row.State)
            {
                case MigrationState.CannotMigrate:
                    return Skip($"Cannot be migrated ({row.Reason ?? "the mapping refuses the user"}); nothing to sync.");
                case MigrationState.NotMigrated:
                    return row.CognitoUser == null
                        ? Skip("Not in Clerk, and the row carries no Cognito user to create them from (status rows read from Cognito carry one).")
                        : new SyncPlan(true, null, AccessChange.None, null);
                case MigrationState.DeletedInCognito:
                    return PlanDeleted(row, options);
                default:
                    return PlanInClerk(row, options);
            }
        }

        private static SyncPlan PlanDeleted(SyncRow row, SyncOptions options)
        {
            if (row.LastSignInAt.HasValue && !options.IncludeSignedIn)
            {
                return Skip($"Deleted in Cognito, but signed in to Clerk ({SignedIn(row)}): Clerk is their account now; kept.");
            }

            switch (options.DeletedAction)
            {
                case DeletedInCognitoAction.Delete:
                    return new SyncPlan(false, null, AccessChange.Delete, null);
                case DeletedInCognitoAction.Ban when !row.ClerkBanned:
                    return new SyncPlan(false, null, AccessChange.Ban, null);
                case DeletedInCognitoAction.Ban:
                    return Skip("Deleted in Cognito; already banned in Clerk.");
                default:
                    return Skip("Deleted in Cognito; the deleted action is None, so the Clerk user is kept as it is.");
            }
        }

        private static SyncPlan PlanInClerk(SyncRow row, SyncOptions options)
        {
            bool disabled = row.CognitoEnabled == false && !row.ClerkBanned && !row.ClerkLocked;
            if (row.State == MigrationState.SignedIn && !options.IncludeSignedIn)
            {
                string drift = row.Changes.Count == 0 ? string.Empty : $" Differs from Cognito in {string.Join(", ", row.Changes)}.";
                string access = disabled ? " Disabled in Cognito, active in Clerk." : string.Empty;
                return row.Changes.Count == 0 && !disabled
                    ? new SyncPlan(false, null, AccessChange.None, null)
                    : Skip($"Signed in to Clerk ({SignedIn(row)}): Clerk is their source of truth, so nothing is changed.{drift}{access}");
            }

            var fields = row.CognitoUser == null ? Array.Empty<string>() : row.Changes.ToArray();
            AccessChange change = !disabled ? AccessChange.None
                : options.DisabledAction == DisabledInCognitoAction.Ban ? AccessChange.Ban
                : options.DisabledAction == DisabledInCognitoAction.Lock ? AccessChange.Lock
                : AccessChange.None;
            string? skip = disabled && change == AccessChange.None && fields.Length == 0
                ? "Disabled in Cognito, active in Clerk; the disabled action is None, so the Clerk user is kept as it is."
                : row.CognitoUser == null && row.Changes.Count > 0 && change == AccessChange.None
                    ? "The row carries no Cognito user to bring the fields up to date from (status rows read from Cognito carry one)."
                    : null;
            return new SyncPlan(false, fields, change, skip);
        }

        private static SyncPlan Skip(string reason) => new SyncPlan(false, null, AccessChange.None, reason);

        private static string SignedIn(SyncRow row) =>
            row.LastSignInAt.HasValue
                ? "last sign-in " + row.LastSignInAt.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
                : "signed in";
    }
}
