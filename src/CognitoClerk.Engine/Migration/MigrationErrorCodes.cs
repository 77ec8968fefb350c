namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The engine's own codes for outcomes that have no Clerk error code. The cmdlet uses the same
    /// strings as ErrorIds, so scripts can match on them; do not rename.
    /// </summary>
    public static class MigrationErrorCodes
    {
        /// <summary>422 form_identifier_exists: the email or phone belongs to a Clerk user with another external_id.</summary>
        public const string IdentifierConflict = "ClerkIdentifierConflict";

        /// <summary>422 form_identifier_exists and no existing Clerk user could be attributed.</summary>
        public const string IdentifierExists = "ClerkIdentifierExists";

        /// <summary>Clerk refused the user with a 4xx other than a duplicate (bad field, quota, ...).</summary>
        public const string UserRejected = "ClerkUserRejected";

        /// <summary>5xx, connection failure or timeout still failing after the client's retries.</summary>
        public const string RequestFailed = "ClerkRequestFailed";

        /// <summary>
        /// A success answer that does not say which user it is (no id, another user's external_id, unreadable or
        /// oversized), and Clerk holds no user with this external_id: nothing was created.
        /// </summary>
        public const string ResponseUnreadable = "ClerkResponseUnreadable";

        /// <summary>
        /// Clerk already holds this sub as the external_id of a user migrated from another Cognito user: two Cognito
        /// users share a sub, and linking the second to the first's account would lock one of them out.
        /// </summary>
        public const string SubConflict = "CognitoSubConflict";
    }
}
