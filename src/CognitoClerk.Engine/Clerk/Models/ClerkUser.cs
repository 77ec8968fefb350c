using System;
using System.Collections.Generic;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>The parts of a Clerk User object the migration reads.</summary>
    public sealed class ClerkUser
    {
        public string Id { get; set; } = string.Empty;

        public string? ExternalId { get; set; }

        public string? Username { get; set; }

        public IReadOnlyList<string> EmailAddresses { get; set; } = Array.Empty<string>();

        public IReadOnlyList<string> PhoneNumbers { get; set; } = Array.Empty<string>();

        public bool PasswordEnabled { get; set; }

        /// <summary>private_metadata.cognito.username: the Cognito user this Clerk user was migrated from, when the module (or a tool like it) wrote it.</summary>
        public string? CognitoUsername { get; set; }

        /// <summary>private_metadata.cognito.user_pool_id, with <see cref="CognitoUsername"/>.</summary>
        public string? CognitoUserPoolId { get; set; }

        /// <summary>When the user last signed in to Clerk (UTC); null when they never have.</summary>
        public DateTimeOffset? LastSignInAt { get; set; }

        /// <summary>When the user was last active in a Clerk session (UTC); null when never.</summary>
        public DateTimeOffset? LastActiveAt { get; set; }

        public bool Banned { get; set; }
    }
}
