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
    }
}
