namespace CognitoClerk.Engine.Cutover
{
    /// <summary>What a sync did with one row.</summary>
    public enum SyncStatus
    {
        /// <summary>A NotMigrated user was created, exactly as the migration creates users.</summary>
        Created,

        /// <summary>Fields were brought up to date, or the record of a ban no longer in place removed (and nothing was banned, locked, lifted or deleted).</summary>
        Updated,

        Banned,

        Locked,

        Deleted,

        /// <summary>A ban this module placed (Cognito had disabled the user) was lifted: Cognito has enabled them again.</summary>
        Unbanned,

        /// <summary>A lock this module placed (Cognito had disabled the user) was lifted: Cognito has enabled them again.</summary>
        Unlocked,

        /// <summary>Nothing to do: Clerk is in step with Cognito for this user.</summary>
        InStep,

        /// <summary>Left alone on purpose (signed in, changed in Clerk, an action of None, cannot be migrated…): the reason says why.</summary>
        Skipped,

        /// <summary>-WhatIf, or a confirmation declined: what would have been done, and nothing sent.</summary>
        Planned,

        /// <summary>A request failed (an error says which); what was done before it is listed.</summary>
        Failed,
    }
}
