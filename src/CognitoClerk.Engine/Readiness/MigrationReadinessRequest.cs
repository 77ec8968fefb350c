using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>What the pre-flight check is asked about, with the connection the module resolved for it.</summary>
    public sealed class MigrationReadinessRequest
    {
        public string UserPoolId { get; set; } = string.Empty;

        /// <summary>Null when none was given: reported as a failed check, not an error.</summary>
        public string? ClientId { get; set; }

        public IdentifierSource IdentifierSource { get; set; } = IdentifierSource.Username;

        /// <summary>-Region as the admin gave it (null when not given): it overrides the pool ID's prefix.</summary>
        public string? ExplicitRegion { get; set; }

        /// <summary>The region the module signs for and calls.</summary>
        public string Region { get; set; } = string.Empty;

        public string? ProfileName { get; set; }

        /// <summary>An explicit Cognito endpoint (an emulator, a VPC endpoint); null for AWS's own.</summary>
        public string? EndpointUrl { get; set; }

        /// <summary>Where the Clerk checks went, for messages; null when no key was given.</summary>
        public string? ClerkApiUrl { get; set; }

        internal AwsCliCommands Cli => new AwsCliCommands(Region, ProfileName, EndpointUrl);
    }
}
