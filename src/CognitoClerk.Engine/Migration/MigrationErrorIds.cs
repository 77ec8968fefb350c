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
        public const string UserPoolIdMissing = "UserPoolIdMissing";
        public const string UserPoolIdInvalid = "UserPoolIdInvalid";
        public const string UserPoolIdMismatch = "UserPoolIdMismatch";
        public const string ClientIdMissing = "ClientIdMissing";
        public const string ClientIdInvalid = "ClientIdInvalid";

        // A caller's mistake, not the user's: Auto has to be resolved from the pool's settings first.
        public const string IdentifierSourceUnresolved = "IdentifierSourceUnresolved";

        // Clerk refuses metadata over 8 KB (public, private and unsafe together): checked before sending.
        public const string ClerkMetadataTooLarge = "ClerkMetadataTooLarge";

        // The attribute map names a target Clerk has no place for, or two things in one place: a parameter error.
        public const string AttributeMapInvalid = "AttributeMapInvalid";
    }
}
