using System;
using System.Globalization;
using System.Linq;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// The sync's rules, row by row: NotMigrated is created; CannotMigrate is left; a user in Clerk who has not
    /// signed in gets the fields Cognito changed, and the disabled action when Cognito disabled them; a user
    /// Cognito deleted gets the deleted action. A user who signed in to Clerk is left alone (their drift reported)
    /// unless signed-in users are included: from their first sign-in Clerk is their source of truth. A ban or lock
    /// this module placed because Cognito disabled the user is lifted once Cognito enables them again, signed in or
    /// not (unless the disabled action is None); a ban or lock it did not place never is.
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
            bool signedInHeldBack = row.State == MigrationState.SignedIn && !options.IncludeSignedIn;
            AccessChange change = !disabled || signedInHeldBack ? AccessChange.None
                : options.DisabledAction == DisabledInCognitoAction.Ban ? AccessChange.Ban
                : options.DisabledAction == DisabledInCognitoAction.Lock ? AccessChange.Lock
                : AccessChange.None;
            string? access = null;
            if (change == AccessChange.None)
            {
                // Lifting the module's own ban (or forgetting its record) restores what the module did; it changes nothing
                // the user did in Clerk, so it is not held back for signed-in users. Everything else is.
                change = PlanModuleRestriction(row, options, out access);
            }

            if (signedInHeldBack)
            {
                string drift = row.Changes.Count == 0 ? string.Empty : $" Differs from Cognito in {string.Join(", ", row.Changes)}.";
                string active = disabled ? " Disabled in Cognito, active in Clerk." : string.Empty;
                string? signedIn = row.Changes.Count == 0 && !disabled
                    ? null
                    : $"Signed in to Clerk ({SignedIn(row)}): Clerk is their source of truth, so nothing is changed.{drift}{active}";
                return new SyncPlan(false, null, change, Join(signedIn, access));
            }

            var fields = row.CognitoUser == null ? Array.Empty<string>() : row.Changes.ToArray();
            string? skip = disabled && (change == AccessChange.None || change == AccessChange.ForgetRecord) && fields.Length == 0
                ? "Disabled in Cognito, active in Clerk; the disabled action is None, so the Clerk user is kept as it is."
                : row.CognitoUser == null && row.Changes.Count > 0 && change == AccessChange.None
                    ? "The row carries no Cognito user to bring the fields up to date from (status rows read from Cognito carry one)."
                    : null;
            return new SyncPlan(false, fields, change, Join(skip, access));
        }

        /// <summary>
        /// For a user not being banned or locked now: lift the ban or lock this module placed when Cognito disabled
        /// them, once Cognito has enabled them again (unless the disabled action is None: then the sync touches no
        /// access), or forget the module's record of a ban or lock no longer in place. A ban or lock without the
        /// record is never lifted; <paramref name="note"/> says so when Cognito has enabled such a user.
        /// </summary>
        private static AccessChange PlanModuleRestriction(SyncRow row, SyncOptions options, out string? note)
        {
            note = null;
            bool moduleBan = row.ModuleRestriction == AccessChange.Ban;
            bool moduleLock = row.ModuleRestriction == AccessChange.Lock;
            if (row.CognitoEnabled == true)
            {
                note = Join(
                    row.ClerkBanned && !moduleBan ? NotByModule(row, "Banned", "ban") : null,
                    row.ClerkLocked && !moduleLock ? NotByModule(row, "Locked", "lock") : null);
                if ((moduleBan && row.ClerkBanned) || (moduleLock && row.ClerkLocked))
                {
                    if (options.DisabledAction == DisabledInCognitoAction.None)
                    {
                        note = Join(
                            $"{(moduleBan ? "Banned" : "Locked")} in Clerk by this module when Cognito disabled the user, and Cognito has enabled them again; " +
                            "the disabled action is None, so the sync touches no access and it is left as it is.",
                            note);
                        return AccessChange.None;
                    }

                    return moduleBan ? AccessChange.Unban : AccessChange.Unlock;
                }
            }

            // The record names a ban or lock no longer in place (lifted by hand, a lock that expired): a ban placed later
            // by someone else must never be taken for the module's.
            return (moduleBan && !row.ClerkBanned) || (moduleLock && !row.ClerkLocked) ? AccessChange.ForgetRecord : AccessChange.None;
        }

        private static string NotByModule(SyncRow row, string state, string noun) =>
            row.ModuleRestrictionKnown
                ? $"{state} in Clerk, not by this module; left as it is."
                : $"{state} in Clerk; the row does not say whether this module placed the {noun} (a status row of an earlier CognitoClerk), so it is left as it is. Run Get-ClerkMigrationStatus again.";

        private static string? Join(string? first, string? second) =>
            first == null ? second : second == null ? first : first + " " + second;

        private static SyncPlan Skip(string reason) => new SyncPlan(false, null, AccessChange.None, reason);

        private static string SignedIn(SyncRow row) =>
            row.LastSignInAt.HasValue
                ? "last sign-in " + row.LastSignInAt.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
                : "signed in";
    }
}
