namespace CognitoClerk.Engine.Cutover
{
    /// <summary>What a sync does to a Clerk user whose Cognito user was disabled since the import.</summary>
    public enum DisabledUserAction
    {
        /// <summary>POST /v1/users/{id}/ban: sessions revoked, no sign-in; the user and their data stay.</summary>
        Ban,

        /// <summary>POST /v1/users/{id}/lock: no sign-in until the instance's lockout expires.</summary>
        Lock,

        /// <summary>Reported, left alone.</summary>
        None,
    }

    /// <summary>What a sync does to a Clerk user whose Cognito user was deleted since the import.</summary>
    public enum DeletedUserAction
    {
        Ban,

        /// <summary>DELETE /v1/users/{id}: the Clerk user and their data are gone.</summary>
        Delete,

        None,
    }

    /// <summary>A change to a user's access that a sync may make.</summary>
    public enum AccessChange
    {
        None,
        Ban,
        Lock,
        Delete,
    }
}
