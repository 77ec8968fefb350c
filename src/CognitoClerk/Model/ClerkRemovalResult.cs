using System;

namespace CognitoClerk
{
    /// <summary>One result per user of Remove-ClerkMigratedUser.</summary>
    public sealed class ClerkRemovalResult
    {
        /// <summary>
        /// A <see cref="ClerkRemovalStatus"/> name: Removed, Kept, NotFound or Failed. Text rather than the enum so that
        /// ConvertTo-Json and Export-Csv write "Removed", not 0 (the module's convention for every output type).
        /// </summary>
        public string Status { get; set; } = string.Empty;

        public string? ClerkUserId { get; set; }

        public string? CognitoUsername { get; set; }

        /// <summary>The Cognito sub the user was created with.</summary>
        public string? ExternalId { get; set; }

        public string? UserPoolId { get; set; }

        /// <summary>When the user last signed in to Clerk (UTC), as Clerk said just before the decision; null when never.</summary>
        public DateTime? LastSignInAt { get; set; }

        /// <summary>This module's ErrorId for Kept and Failed users (ClerkUserSignedIn, ClerkUserChanged, ...), or Clerk's error code.</summary>
        public string? ErrorCode { get; set; }

        /// <summary>clerk_trace_id of a failed request: give it to Clerk support.</summary>
        public string? TraceId { get; set; }

        /// <summary>What happened, in words.</summary>
        public string? Reason { get; set; }

        public override string ToString() => $"{Status} {ClerkUserId}";
    }
}
