namespace CognitoClerk.Engine.Migration
{
    /// <summary>How a Cognito user becomes a Clerk CreateUser payload.</summary>
    public sealed class DigestOptions
    {
        /// <summary>The public app client (no secret, ALLOW_USER_PASSWORD_AUTH) Clerk will call.</summary>
        public string ClientId { get; set; } = string.Empty;

        /// <summary>Used when the user does not say which pool it came from.</summary>
        public string? UserPoolId { get; set; }

        /// <summary>
        /// True when the admin named <see cref="UserPoolId"/> for this run (not an environment default).
        /// A user read from another pool is then refused instead of being pointed at a pool it does not
        /// live in: Clerk would ask that pool for the password and every sign-in would fail.
        /// </summary>
        public bool UserPoolIdIsExplicit { get; set; }

        public IdentifierSource IdentifierSource { get; set; } = IdentifierSource.Username;

        /// <summary>Send the Cognito username as Clerk's username (only for instances with usernames enabled).</summary>
        public bool IncludeUsername { get; set; }

        /// <summary>Custom attributes, groups and other attributes moved out of their default metadata place.</summary>
        public MetadataAttributeMap AttributeMap { get; set; } = MetadataAttributeMap.Empty;

        /// <summary>Skip users disabled in Cognito (the default), or create them banned.</summary>
        public DisabledUserAction DisabledUser { get; set; } = DisabledUserAction.Skip;
    }
}
