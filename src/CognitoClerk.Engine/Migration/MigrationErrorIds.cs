namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The stable ErrorIds of the engine's decisions about one user: why a user is not migrated, and what went
    /// wrong when Clerk was asked. Scripts and reports match on these strings (FullyQualifiedErrorId starts with
    /// them), so they never change once released: add new ones instead. The cmdlets' own ErrorIds (input they
    /// cannot read, setup, connection) are in the module's ErrorIds catalogue, which includes these.
    /// </summary>
    public static class MigrationErrorIds
    {
        // The user cannot sign in with a Cognito password, so Clerk could never verify it.
        public const string CognitoUserUnconfirmed = "CognitoUserUnconfirmed";
        public const string CognitoUserForceChangePassword = "CognitoUserForceChangePassword";
        public const string CognitoUserResetRequired = "CognitoUserResetRequired";
        public const string CognitoUserExternalProvider = "CognitoUserExternalProvider";
        public const string CognitoUserArchived = "CognitoUserArchived";
        public const string CognitoUserCompromised = "CognitoUserCompromised";
        public const string CognitoUserStatusUnknown = "CognitoUserStatusUnknown";
        public const string CognitoUserStatusUnrecognized = "CognitoUserStatusUnrecognized";
        public const string CognitoUserStatusMissing = "CognitoUserStatusMissing";
        public const string CognitoUserDisabled = "CognitoUserDisabled";

        // Without the sub there is no external_id, and re-runs could not recognise the user.
        public const string CognitoUserSubMissing = "CognitoUserSubMissing";

        // The digest awscognito#<pool>#<client>#<identifier> cannot be built.
        public const string IdentifierMissing = "IdentifierMissing";
        public const string IdentifierContainsHash = "IdentifierContainsHash";

        /// <summary>The identifier is not something Cognito can hold (a space, a control character, too long): nobody could sign in with it.</summary>
        public const string IdentifierInvalid = "IdentifierInvalid";
        public const string UserPoolIdMissing = "UserPoolIdMissing";
        public const string UserPoolIdInvalid = "UserPoolIdInvalid";
        public const string UserPoolIdMismatch = "UserPoolIdMismatch";
        public const string ClientIdMissing = "ClientIdMissing";
        public const string ClientIdInvalid = "ClientIdInvalid";

        // A digest made elsewhere (read back from a file, edited) that cannot be used.

        /// <summary>A CreateUser payload that cannot be sent: no password_digest or hasher, or statuses that do not pair with their values.</summary>
        public const string DigestInvalid = "ClerkDigestInvalid";

        /// <summary>A password_digest that is not awscognito#&lt;pool&gt;#&lt;client&gt;#&lt;identifier&gt;, so there is no Cognito sign-in to test.</summary>
        public const string PasswordDigestNotAwsCognito = "PasswordDigestNotAwsCognito";

        /// <summary>A payload without external_id: the lookup that makes retries and re-runs safe needs it, so it is never sent.</summary>
        public const string ExternalIdMissing = "ClerkExternalIdMissing";

        // Clerk refuses metadata over 8 KB (public, private and unsafe together): checked before sending.

        /// <summary>The user's metadata (public, private and unsafe together) is over Clerk's 8 KB, so Clerk would refuse the user.</summary>
        public const string ClerkMetadataTooLarge = "ClerkMetadataTooLarge";

        /// <summary>The attribute map names a place Clerk has no room for, or two things in one place: a parameter error, once.</summary>
        public const string AttributeMapInvalid = "AttributeMapInvalid";

        // Outcomes of asking Clerk that have no Clerk error code of their own.

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

        // The cutover's own access changes (Sync-ClerkMigratedUser).

        /// <summary>
        /// The sync banned or locked the user (Cognito disabled them), but writing its record of that failed: the ban
        /// is in place and no later sync will lift it, since a ban without the record is never taken for the module's.
        /// </summary>
        public const string AccessRecordNotWritten = "ClerkAccessRecordNotWritten";

        /// <summary>
        /// The sync removed its record of the ban or lock it had placed (Cognito enabled the user again), then lifting
        /// it failed: the user is still banned or locked, and no later sync will lift it.
        /// </summary>
        public const string AccessNotLifted = "ClerkAccessNotLifted";

        /// <summary>
        /// Problems that are the same for every user (no pool ID anywhere, no or a bad client ID): a caller stops
        /// once instead of skipping every user alike.
        /// </summary>
        public static bool IsSetupProblem(string? errorId) =>
            errorId == UserPoolIdMissing
            || errorId == ClientIdMissing
            || errorId == ClientIdInvalid
            || errorId == AttributeMapInvalid;
    }
}
