namespace CognitoClerk
{
    /// <summary>What Sync-ClerkMigratedUser did with one row.</summary>
    public enum ClerkSyncStatus
    {
        /// <summary>A NotMigrated user was created, as New-ClerkMigratedUser creates users.</summary>
        Created,

        /// <summary>Fields were brought up to date.</summary>
        Updated,

        Banned,

        Locked,

        Deleted,

        /// <summary>Nothing to do: Clerk is in step with Cognito for this user.</summary>
        InStep,

        /// <summary>Left alone on purpose; Reason says why.</summary>
        Skipped,

        /// <summary>-WhatIf, or a confirmation declined: Applied lists what would have been done.</summary>
        Planned,

        /// <summary>A request failed (also written as an error); Applied lists what was done before it.</summary>
        Failed,
    }
}
