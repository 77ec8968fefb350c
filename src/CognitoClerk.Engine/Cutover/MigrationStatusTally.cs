using System;
using System.Globalization;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// The counts of a status run, and what they mean for switching Cognito off: the answer an admin needs on
    /// the day of the cutover, and the reminder of what every first sign-in still costs in Cognito.
    /// </summary>
    public sealed class MigrationStatusTally
    {
        /// <summary>Cognito's default UserAuthentication quota (InitiateAuth), per account and Region.</summary>
        public const int DefaultUserAuthenticationQuota = 120;

        private readonly int[] _byState = new int[Enum.GetValues(typeof(MigrationState)).Length];

        /// <summary>True when the whole pool was read (not a filter or the pipeline's users): then DeletedInCognito was looked for.</summary>
        public bool WholePool { get; set; }

        public int NotMigrated => _byState[(int)MigrationState.NotMigrated];

        public int CannotMigrate => _byState[(int)MigrationState.CannotMigrate];

        public int AwaitingFirstSignIn => _byState[(int)MigrationState.AwaitingFirstSignIn];

        public int SignedIn => _byState[(int)MigrationState.SignedIn];

        public int DeletedInCognito => _byState[(int)MigrationState.DeletedInCognito];

        /// <summary>Users in Clerk whose fields differ from what Cognito says today.</summary>
        public int Changed { get; private set; }

        /// <summary>Disabled in Cognito, still able to sign in to Clerk (not banned, not locked).</summary>
        public int DisabledButActiveInClerk { get; private set; }

        /// <summary>Enabled in Cognito again, still banned or locked in Clerk by this module for having been disabled: the next sync lifts it.</summary>
        public int ReenabledButBanned { get; private set; }

        /// <summary>Users whose Clerk lookup failed: their state is unknown.</summary>
        public int NotRead { get; private set; }

        /// <summary>Users who signed in to Clerk at least once, of the Cognito users Clerk holds, in percent (0 when Clerk holds none).</summary>
        public double SignedInPercent
        {
            get
            {
                int inClerk = SignedIn + AwaitingFirstSignIn;
                return inClerk == 0 ? 0 : Math.Round(100.0 * SignedIn / inClerk, 1);
            }
        }

        /// <summary>Users whose password Clerk still checks with Cognito.</summary>
        public int StillNeedCognito => AwaitingFirstSignIn;

        /// <summary>Nothing stands in the way: every migrated user signed in, nobody migratable is left, every user was read.</summary>
        public bool CognitoCanBeSwitchedOff => NotRead == 0 && AwaitingFirstSignIn == 0 && NotMigrated == 0;

        public void Add(MigrationStatusEntry entry)
        {
            if (entry == null)
            {
                throw new ArgumentNullException(nameof(entry));
            }

            if (entry.LookupFailure != null)
            {
                NotRead++;
                return;
            }

            _byState[(int)entry.State]++;
            if (entry.Differences.Count > 0)
            {
                Changed++;
            }

            if (entry.IsDisabledButActiveInClerk)
            {
                DisabledButActiveInClerk++;
            }

            if (entry.IsReenabledButBanned)
            {
                ReenabledButBanned++;
            }
        }

        /// <summary>Whether Cognito can be switched off now, and what happens to whom if it is.</summary>
        public string Verdict()
        {
            string scope = WholePool ? string.Empty : " (This is about the users given, not the whole pool.)";
            if (NotRead > 0)
            {
                return $"Cannot tell: Clerk could not be asked about {Count(NotRead)}. Run the status again.{scope}";
            }

            if (CognitoCanBeSwitchedOff)
            {
                string cannot = CannotMigrate == 0
                    ? string.Empty
                    : $" {Count(CannotMigrate)} cannot be migrated with their Cognito password (CannotMigrate) and have no Clerk account from this pool.";
                return "Yes: every migrated user has signed in to Clerk at least once, so Clerk no longer asks Cognito for anyone's password, " +
                    $"and no user who could be migrated is left in Cognito only.{cannot}{scope}";
            }

            string text = "Not yet:";
            if (AwaitingFirstSignIn > 0)
            {
                text += $" {Count(AwaitingFirstSignIn)} in Clerk {(AwaitingFirstSignIn == 1 ? "has" : "have")} never signed in there, so Clerk still asks Cognito for " +
                    $"their password; with Cognito off they could only get in by resetting it.";
            }

            if (NotMigrated > 0)
            {
                text += $" {Count(NotMigrated)} {(NotMigrated == 1 ? "is" : "are")} in Cognito only and not migrated yet (a sync creates them).";
            }

            return text + scope;
        }

        /// <summary>What every first sign-in still to come costs in Cognito, and when that matters.</summary>
        public string QuotaReminder() =>
            "Each first sign-in makes Clerk call Cognito InitiateAuth, which counts against the AWS account's UserAuthentication quota: " +
            $"{DefaultUserAuthenticationQuota} requests per second per account and Region by default, shared with every other app of the account. " +
            $"{Count(StillNeedCognito)} still to come; a big cutover day (a forced sign-in, an email to every user) may need a quota increase first.";

        private static string Count(int users) => users.ToString("N0", CultureInfo.InvariantCulture) + (users == 1 ? " user" : " users");
    }
}
