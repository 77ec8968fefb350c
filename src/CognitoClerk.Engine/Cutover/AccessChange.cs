namespace CognitoClerk.Engine.Cutover
{
    /// <summary>A change to a user's access that a sync may make.</summary>
    public enum AccessChange
    {
        None,
        Ban,
        Lock,
        Delete,

        /// <summary>Lifts a ban this module placed because Cognito disabled the user, now enabled there again.</summary>
        Unban,

        /// <summary>Lifts a lock this module placed because Cognito disabled the user, now enabled there again.</summary>
        Unlock,

        /// <summary>
        /// Removes the module's record of a ban or lock that is no longer in place (lifted by hand, or a lock that
        /// expired), so a ban placed later by someone else is never taken for the module's.
        /// </summary>
        ForgetRecord,
    }
}
