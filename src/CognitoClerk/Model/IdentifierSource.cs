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

        /// <summary>Chosen by the module's documented rule from the pool's sign-in settings: Username, which Cognito accepts in every kind of pool (see Test-CognitoMigrationReadiness).</summary>
        Auto,
    }
}
