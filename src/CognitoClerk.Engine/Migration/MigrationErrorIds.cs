namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The stable ErrorIds of users who cannot be migrated. Scripts and reports match on these strings
    /// (FullyQualifiedErrorId starts with them), so they never change once released: add new ones instead.
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

        // The identifier is not something Cognito can hold (a space, a control character, too long): nobody could sign in with it.
        public const string IdentifierInvalid = "IdentifierInvalid";
        public const string UserPoolIdMissing = "UserPoolIdMissing";
        public const string UserPoolIdInvalid = "UserPoolIdInvalid";
        public const string UserPoolIdMismatch = "UserPoolIdMismatch";
        public const string ClientIdMissing = "ClientIdMissing";
        public const string ClientIdInvalid = "ClientIdInvalid";

        // A payload without external_id: the lookup that makes retries and re-runs safe needs it, so it is never sent.
        public const string ExternalIdMissing = "ClerkExternalIdMissing";

        // A payload whose awscognito digest is not awscognito#<pool>#<client>#<identifier>.
        public const string DigestInvalid = "ClerkDigestInvalid";

        // A caller's mistake, not the user's: Auto has to be resolved from the pool's settings first.
        public const string IdentifierSourceUnresolved = "IdentifierSourceUnresolved";
    }
}
