namespace CognitoClerk.Engine.Validation
{
    /// <summary>
    /// The user to validate: the exact InitiateAuth call Clerk will make (client and USERNAME), and what
    /// finds the user in Clerk (external_id = sub, email, phone), as far as the input told.
    /// </summary>
    public sealed class MigratedUserTarget
    {
        public string Identifier { get; set; } = string.Empty;

        public string UserPoolId { get; set; } = string.Empty;

        public string ClientId { get; set; } = string.Empty;

        /// <summary>The Cognito sub, which the migration sends as Clerk's external_id.</summary>
        public string? ExternalId { get; set; }

        public string? Email { get; set; }

        public string? PhoneNumber { get; set; }
    }
}
