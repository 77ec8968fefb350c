namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Cognito's own constraint on a user pool ID (1..55 characters, <c>[\w-]+_[0-9a-zA-Z]+</c>), checked
    /// before any call so a typo is reported as such instead of as an opaque service error.
    /// </summary>
    public static class UserPoolIdFormat
    {
        public const int MaxLength = CognitoIdFormats.UserPoolIdMaxLength;

        /// <summary>The one pattern check, shared with the digest mapper (<see cref="CognitoIdFormats"/>).</summary>
        public static bool IsValid(string? userPoolId) => CognitoIdFormats.IsValidUserPoolId(userPoolId);

        /// <summary>Throws <see cref="CognitoConfigurationException"/> when the ID cannot be a Cognito pool ID.</summary>
        public static void EnsureValid(string? userPoolId)
        {
            if (string.IsNullOrWhiteSpace(userPoolId))
            {
                throw new CognitoConfigurationException(
                    CognitoConfigurationProblem.MissingUserPoolId,
                    "No user pool ID was given.");
            }

            if (!IsValid(userPoolId))
            {
                throw new CognitoConfigurationException(
                    CognitoConfigurationProblem.MalformedUserPoolId,
                    $"'{userPoolId}' is not a Cognito user pool ID: expected <region>_<suffix> such as us-east-1_AbCdEf123 " +
                    $"(1 to {MaxLength} characters matching [\\w-]+_[0-9a-zA-Z]+).");
            }
        }

        /// <summary>
        /// The part before the last underscore: the pool's region for real pools (<c>eu-west-1_AbC</c>),
        /// an arbitrary prefix for emulators (cognito-local's <c>local_AbC</c>). Null for a malformed ID.
        /// </summary>
        public static string? PrefixOf(string? userPoolId)
        {
            if (!IsValid(userPoolId))
            {
                return null;
            }

            return userPoolId!.Substring(0, userPoolId.LastIndexOf('_'));
        }

        /// <summary>The region a real pool ID names (us-east-1 for us-east-1_AbC); null for an emulator's or a malformed ID.</summary>
        public static string? RegionOf(string? userPoolId)
        {
            string? prefix = PrefixOf(userPoolId);
            return AwsRegionName.LooksLikeRegion(prefix) ? prefix : null;
        }
    }
}
