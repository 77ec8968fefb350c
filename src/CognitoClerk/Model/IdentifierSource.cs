namespace CognitoClerk
{
    /// <summary>
    /// Which value goes into the awscognito digest as the name Clerk passes to Cognito InitiateAuth
    /// (USERNAME). The parameter type of -IdentifierSource. It mirrors the engine's enum because a
    /// parameter type must live in this assembly: the engine loads in the module's own load context,
    /// only after import, and PowerShell could neither load a cmdlet holding an engine enum nor
    /// resolve [CognitoClerk.Engine...] names in scripts.
    /// </summary>
    public enum IdentifierSource
    {
        /// <summary>The Cognito Username: the one name Cognito always accepts for a user.</summary>
        Username = 0,

        /// <summary>The email attribute: for pools where users sign in with their email.</summary>
        Email,

        /// <summary>The sub attribute (a UUID).</summary>
        Sub,

        /// <summary>The phone_number attribute: for pools where users sign in with their phone.</summary>
        PhoneNumber,

        /// <summary>The preferred_username attribute, when it is a sign-in alias of the pool.</summary>
        PreferredUsername,

        /// <summary>
        /// An alias of Username: the module's rule picks Username in every kind of pool (Cognito accepts it for
        /// every user, and it never changes), so there is nothing to choose. Kept so that scripts naming it keep working.
        /// </summary>
        Auto,
    }
}
