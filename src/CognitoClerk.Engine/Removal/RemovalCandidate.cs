using System;

namespace CognitoClerk.Engine.Removal
{
    /// <summary>
    /// A Clerk user the module created, as the journal or a ClerkMigrationResult recorded it: its Clerk id and the
    /// Cognito sub it was created with, the two facts the removal checks against Clerk before deleting anything.
    /// <see cref="State"/> is the caller's own object, handed back untouched with the outcome.
    /// </summary>
    public sealed class RemovalCandidate
    {
        public RemovalCandidate(string clerkUserId, string? externalId, string? cognitoUsername, string? userPoolId, string? instanceId = null, object? state = null)
        {
            if (string.IsNullOrEmpty(clerkUserId))
            {
                throw new ArgumentException("A Clerk user id is required.", nameof(clerkUserId));
            }

            ClerkUserId = clerkUserId;
            ExternalId = string.IsNullOrEmpty(externalId) ? null : externalId;
            CognitoUsername = cognitoUsername;
            UserPoolId = userPoolId;
            InstanceId = string.IsNullOrEmpty(instanceId) ? null : instanceId;
            State = state;
        }

        public string ClerkUserId { get; }

        /// <summary>The Cognito sub the user was created with (Clerk's external_id then).</summary>
        public string? ExternalId { get; }

        public string? CognitoUsername { get; }

        public string? UserPoolId { get; }

        /// <summary>The Clerk instance the user was created on, when recorded.</summary>
        public string? InstanceId { get; }

        public object? State { get; }

        /// <summary>Who this is, in words (never a secret).</summary>
        public string DisplayName => CognitoUsername ?? ExternalId ?? ClerkUserId;

        public override string ToString() => $"Clerk user {ClerkUserId} (Cognito user '{DisplayName}')";
    }
}
