namespace CognitoClerk.Engine.Cutover
{
    /// <summary>What a sync does to a Clerk user whose Cognito user was deleted since the import.</summary>
    public enum DeletedInCognitoAction
    {
        /// <summary>POST /v1/users/{id}/ban.</summary>
        Ban,

        /// <summary>DELETE /v1/users/{id}: the Clerk user and their data are gone.</summary>
        Delete,

        /// <summary>Reported, left alone.</summary>
        None,
    }
}
