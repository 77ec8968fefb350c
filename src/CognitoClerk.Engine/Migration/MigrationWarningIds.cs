namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Stable codes of the warnings a migratable user can carry: a field left out of the payload, or a
    /// value that may not let the user sign in. The user is still migrated.
    /// </summary>
    public static class MigrationWarningIds
    {
        /// <summary>Clerk would refuse the whole create (form_param_format_invalid), so the email is left out.</summary>
        public const string EmailAddressInvalid = "EmailAddressInvalid";

        /// <summary>Not E.164: Clerk would refuse the whole create, so the phone number is left out.</summary>
        public const string PhoneNumberInvalid = "PhoneNumberInvalid";

        /// <summary>The identifier is an email or phone that Cognito has not verified: it works as a sign-in alias only when verified.</summary>
        public const string IdentifierNotVerified = "IdentifierNotVerified";

        /// <summary>The input's UserCreateDate could not be read as a date, so created_at is left out (Clerk then uses the time of the import).</summary>
        public const string UserCreateDateInvalid = "UserCreateDateInvalid";

        /// <summary>-IncludeUsername in a pool that signs in by email or phone, where the Cognito Username is the sub.</summary>
        public const string UsernameIsSub = "UsernameIsSub";

        /// <summary>-DisabledUser Ban: a user disabled in Cognito is created banned, so nobody can sign in as them.</summary>
        public const string CognitoUserDisabledBanned = "CognitoUserDisabledBanned";
    }
}
