namespace CognitoClerk.Engine.Cognito
{
    /// <summary>The UserStatus values Cognito documents. UserStatus stays an open string; these are the known ones.</summary>
    public static class CognitoUserStatus
    {
        public const string Confirmed = "CONFIRMED";
        public const string Unconfirmed = "UNCONFIRMED";
        public const string ForceChangePassword = "FORCE_CHANGE_PASSWORD";
        public const string ResetRequired = "RESET_REQUIRED";
        public const string ExternalProvider = "EXTERNAL_PROVIDER";
        public const string Archived = "ARCHIVED";
        public const string Compromised = "COMPROMISED";
        public const string Unknown = "UNKNOWN";
    }
}
