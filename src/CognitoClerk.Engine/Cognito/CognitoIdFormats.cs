using System.Text.RegularExpressions;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// The shapes Cognito's API model gives user pool IDs and app client IDs. Checking them offline
    /// catches a pasted client secret, a pool ARN or a stray '#' before any user is converted.
    /// </summary>
    public static class CognitoIdFormats
    {
        // AWS's patterns are Java regexes where \w is ASCII only, so the classes are spelled out.
        private static readonly Regex UserPoolIdPattern = new Regex(
            "^[A-Za-z0-9_-]+_[0-9A-Za-z]+$", RegexOptions.CultureInvariant);

        private static readonly Regex ClientIdPattern = new Regex(
            "^[A-Za-z0-9_+]+$", RegexOptions.CultureInvariant);

        public const int UserPoolIdMaxLength = 55;

        public const int ClientIdMaxLength = 128;

        /// <summary>1..55 characters of [\w-]+_[0-9a-zA-Z]+, e.g. us-east-1_AbCdEf123 (or local_abcd1234 in cognito-local).</summary>
        public static bool IsValidUserPoolId(string? value) =>
            value != null && value.Length <= UserPoolIdMaxLength && UserPoolIdPattern.IsMatch(value);

        /// <summary>1..128 characters of [\w+]+ (26 lowercase alphanumerics in practice).</summary>
        public static bool IsValidClientId(string? value) =>
            value != null && value.Length <= ClientIdMaxLength && ClientIdPattern.IsMatch(value);
    }
}
