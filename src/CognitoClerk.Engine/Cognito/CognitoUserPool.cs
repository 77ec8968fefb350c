using System;
using System.Collections.Generic;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>What DescribeUserPool says that matters for the migration.</summary>
    public sealed class CognitoUserPool
    {
        public string Id { get; set; } = string.Empty;

        public string? Name { get; set; }

        /// <summary>An estimate: for progress and for comparing with a development instance's user cap.</summary>
        public int? EstimatedNumberOfUsers { get; set; }

        /// <summary>email and/or phone_number when users sign in with those instead of a username.</summary>
        public IReadOnlyList<string> UsernameAttributes { get; set; } = Array.Empty<string>();

        /// <summary>email, phone_number and/or preferred_username usable as sign-in aliases.</summary>
        public IReadOnlyList<string> AliasAttributes { get; set; } = Array.Empty<string>();

        /// <summary>Null when Cognito did not say: legacy pools are case-sensitive.</summary>
        public bool? UsernameCaseSensitive { get; set; }

        /// <summary>OFF, ON or OPTIONAL.</summary>
        public string? MfaConfiguration { get; set; }

        /// <summary>LambdaConfig: trigger name (PreAuthentication, UserMigration, ...) to function ARN.</summary>
        public IReadOnlyDictionary<string, string> LambdaTriggers { get; set; } = new Dictionary<string, string>();
    }
}
