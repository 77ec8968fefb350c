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
    }
}
