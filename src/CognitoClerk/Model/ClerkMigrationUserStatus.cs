using System;

namespace CognitoClerk
{
    /// <summary>One user's row of Get-ClerkMigrationStatus; Sync-ClerkMigratedUser takes these rows.</summary>
    public sealed class ClerkMigrationUserStatus
    {
        /// <summary>The Cognito username (for DeletedInCognito, as the migration recorded it).</summary>
        public string? Username { get; set; }

        /// <summary>The Cognito sub, Clerk's external_id.</summary>
        public string? ExternalId { get; set; }

        public string? ClerkUserId { get; set; }

        /// <summary>
        /// A <see cref="ClerkMigrationState"/> name: NotMigrated, CannotMigrate, AwaitingFirstSignIn, SignedIn or
        /// DeletedInCognito. Text rather than the enum so that ConvertTo-Json and Export-Csv write the name, not a number.
        /// </summary>
        public string State { get; set; } = string.Empty;

        /// <summary>Cognito's Enabled; null for a user Cognito no longer has. False on a user still active in Clerk is the case to act on.</summary>
        public bool? CognitoEnabled { get; set; }

        /// <summary>The Clerk fields that differ from what ConvertTo-ClerkCognitoDigest would send today; empty when in step.</summary>
        public ClerkValueList Changes { get; set; } = new ClerkValueList();

        /// <summary>UTC; null until the user's first sign-in to Clerk.</summary>
        public DateTime? LastSignInAt { get; set; }

        /// <summary>For CannotMigrate, the ErrorId ConvertTo-ClerkCognitoDigest reports.</summary>
        public string? Reason { get; set; }

        public bool ClerkBanned { get; set; }

        public bool ClerkLocked { get; set; }

        /// <summary>
        /// Ban or Lock when this module banned or locked the user in Clerk because Cognito disabled them (its record in
        /// private_metadata.cognito.access); empty otherwise. Sync-ClerkMigratedUser lifts only such a ban or lock, once
        /// Cognito enables the user again; a ban or lock placed any other way is never lifted.
        /// </summary>
        public string? ModuleRestriction { get; set; }

        public string? UserPoolId { get; set; }

        public string? Email { get; set; }

        /// <summary>The Cognito user as it was read (null for DeletedInCognito): what Sync-ClerkMigratedUser creates or updates from.</summary>
        public CognitoMigrationUser? CognitoUser { get; set; }

        public override string ToString() => $"{State} {Username}";
    }
}
