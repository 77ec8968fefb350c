namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Which value goes into the awscognito digest as the name Clerk passes to Cognito's InitiateAuth
    /// (USERNAME). It must be a name Cognito accepts for sign-in in this pool.
    /// </summary>
    public enum IdentifierSource
    {
        /// <summary>The Cognito Username: the one name Cognito always accepts for a user.</summary>
        Username = 0,
        Email,
        Sub,
        PhoneNumber,
        PreferredUsername,
    }
}
