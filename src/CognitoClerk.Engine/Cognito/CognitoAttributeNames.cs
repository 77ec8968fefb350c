namespace CognitoClerk.Engine.Cognito
{
    /// <summary>The standard Cognito attribute names the migration reads.</summary>
    public static class CognitoAttributeNames
    {
        public const string Sub = "sub";
        public const string Email = "email";
        public const string EmailVerified = "email_verified";
        public const string PhoneNumber = "phone_number";
        public const string PhoneNumberVerified = "phone_number_verified";
        public const string GivenName = "given_name";
        public const string FamilyName = "family_name";
        public const string PreferredUsername = "preferred_username";
        public const string Locale = "locale";
    }
}
