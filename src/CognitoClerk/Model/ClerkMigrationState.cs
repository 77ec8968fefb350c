namespace CognitoClerk
{
    /// <summary>Where a user stands between Cognito and Clerk (Get-ClerkMigrationStatus). Presence in Clerk decides first.</summary>
    public enum ClerkMigrationState
    {
        /// <summary>In Cognito only, and migratable: a sync creates them.</summary>
        NotMigrated,

        /// <summary>In Cognito only, and ConvertTo-ClerkCognitoDigest refuses them; Reason is its ErrorId.</summary>
        CannotMigrate,

        /// <summary>In Clerk, never signed in there: Clerk still asks Cognito for their password.</summary>
        AwaitingFirstSignIn,

        /// <summary>In Clerk and signed in at least once: Clerk no longer needs Cognito for them.</summary>
        SignedIn,

        /// <summary>A Clerk user from this pool whose sub the pool no longer has (only when the whole pool was read).</summary>
        DeletedInCognito,
    }
}
