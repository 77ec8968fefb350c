namespace CognitoClerk
{
    /// <summary>
    /// The parameter type of -DisabledUser: what becomes of a user disabled in Cognito. Mirrors the engine's
    /// enum for the same reason <see cref="IdentifierSource"/> does (a parameter type must live in this assembly).
    /// </summary>
    public enum DisabledUserAction
    {
        /// <summary>Not migrated; reported as CognitoUserDisabled (the default).</summary>
        Skip = 0,

        /// <summary>Created banned in Clerk: identifiers and data kept, nobody can sign in as them.</summary>
        Ban,
    }
}
