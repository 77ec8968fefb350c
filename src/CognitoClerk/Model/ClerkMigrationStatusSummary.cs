namespace CognitoClerk
{
    /// <summary>Get-ClerkMigrationStatus -Summary: the counts, and whether Cognito can be switched off now.</summary>
    public sealed class ClerkMigrationStatusSummary
    {
        public string? UserPoolId { get; set; }

        /// <summary>True when the whole pool was read (no -Filter, no pipeline input): only then is DeletedInCognito looked for.</summary>
        public bool WholePool { get; set; }

        /// <summary>Users counted (rows, including DeletedInCognito).</summary>
        public int Users { get; set; }

        public int SignedIn { get; set; }

        public int AwaitingFirstSignIn { get; set; }

        public int NotMigrated { get; set; }

        public int CannotMigrate { get; set; }

        public int DeletedInCognito { get; set; }

        /// <summary>Users whose Clerk lookup failed (each reported as an error): their state is unknown.</summary>
        public int NotRead { get; set; }

        /// <summary>SignedIn of the users in Clerk (SignedIn + AwaitingFirstSignIn), in percent.</summary>
        public double SignedInPercent { get; set; }

        /// <summary>AwaitingFirstSignIn: users whose password Clerk still checks with Cognito.</summary>
        public int StillNeedCognito { get; set; }

        /// <summary>Users in Clerk with at least one field that differs from Cognito today.</summary>
        public int Changed { get; set; }

        /// <summary>Disabled in Cognito, and neither banned nor locked in Clerk.</summary>
        public int DisabledButActiveInClerk { get; set; }

        /// <summary>Enabled in Cognito again, and still banned or locked in Clerk by this module for having been disabled: the next sync lifts it.</summary>
        public int ReenabledButBanned { get; set; }

        public bool CanSwitchOffCognito { get; set; }

        /// <summary>Whether Cognito can be switched off now, and what happens to whom if it is.</summary>
        public string Verdict { get; set; } = string.Empty;

        /// <summary>What every first sign-in still costs in Cognito (its UserAuthentication quota).</summary>
        public string CognitoQuota { get; set; } = string.Empty;

        /// <summary>Clerk requests the status run made.</summary>
        public long ClerkRequests { get; set; }

        public override string ToString() => Verdict;
    }
}
