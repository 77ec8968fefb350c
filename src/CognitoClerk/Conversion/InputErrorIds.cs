namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Stable ErrorIds for pipeline input that cannot be read as a Cognito user at all. Together with
    /// CognitoClerk.Engine.Migration.MigrationErrorIds they are every reason a user is not converted.
    /// </summary>
    internal static class InputErrorIds
    {
        /// <summary>The object has no Username (and is not a list-users response or a collection of users).</summary>
        internal const string InputNotCognitoUser = "InputNotCognitoUser";

        /// <summary>The object names a user, but a field it carries cannot be read (an attribute without a Name, Enabled = "yes").</summary>
        internal const string InputCognitoUserMalformed = "InputCognitoUserMalformed";
    }
}
