namespace CognitoClerk.Engine.Cutover
{
    /// <summary>What a sync does to a Clerk user whose Cognito user was disabled since the import.</summary>
    public enum DisabledInCognitoAction
    {
        /// <summary>POST /v1/users/{id}/ban: sessions revoked, no sign-in; the user and their data stay.</summary>
        Ban,

        /// <summary>POST /v1/users/{id}/lock: no sign-in until the instance's lockout expires.</summary>
        Lock,

        /// <summary>Reported, left alone.</summary>
        None,
    }
}
