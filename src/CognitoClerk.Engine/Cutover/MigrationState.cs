namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// Where one user stands between Cognito and Clerk. Presence in Clerk decides first: a user Clerk holds is
    /// <see cref="AwaitingFirstSignIn"/> or <see cref="SignedIn"/> whatever Cognito says of them now.
    /// </summary>
    public enum MigrationState
    {
        /// <summary>In Cognito, not in Clerk, and the mapping would migrate them: a sync creates them.</summary>
        NotMigrated,

        /// <summary>In Cognito, not in Clerk, and the mapping refuses them (disabled, not CONFIRMED, no sub…).</summary>
        CannotMigrate,

        /// <summary>In Clerk and never signed in there: Clerk still asks Cognito for their password.</summary>
        AwaitingFirstSignIn,

        /// <summary>In Clerk and signed in at least once: Clerk has re-hashed their password and no longer needs Cognito for them.</summary>
        SignedIn,

        /// <summary>A Clerk user that came from this pool (private_metadata.cognito.user_pool_id) whose sub the pool no longer has.</summary>
        DeletedInCognito,
    }
}
