namespace CognitoClerk
{
    /// <summary>Sync-ClerkMigratedUser -DisabledAction: what happens in Clerk to a user disabled in Cognito since the import.</summary>
    public enum ClerkDisabledUserAction
    {
        /// <summary>Banned: sessions revoked, no sign-in; the user and their data stay.</summary>
        Ban,

        /// <summary>Locked until the instance's lockout expires.</summary>
        Lock,

        /// <summary>Reported only.</summary>
        None,
    }
}
