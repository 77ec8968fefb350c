namespace CognitoClerk.Engine.Clerk
{
    /// <summary>What DELETE /v1/users/{id} found.</summary>
    public enum ClerkDeleteResult
    {
        /// <summary>Clerk deleted the user now.</summary>
        Deleted,

        /// <summary>
        /// Clerk deleted the user, but the answer came to a retry: an earlier attempt of this same call
        /// deleted it and its answer was lost, and the retry found nothing left (404).
        /// </summary>
        DeletedByEarlierAttempt,

        /// <summary>404 at the first attempt: the user was already gone.</summary>
        NotFound,
    }
}
