using System;
using System.Collections.Generic;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>One user's status: who they are, where they stand, and how Clerk differs from what Cognito says today.</summary>
    public sealed class MigrationStatusEntry
    {
        private static readonly IReadOnlyList<ProfileDifference> NoDifferences = Array.Empty<ProfileDifference>();

        public string? Username { get; set; }

        public string? UserPoolId { get; set; }

        /// <summary>The Cognito sub, Clerk's external_id.</summary>
        public string? ExternalId { get; set; }

        public string? ClerkUserId { get; set; }

        public MigrationState State { get; set; }

        /// <summary>Cognito's Enabled; null for a user Cognito no longer has, or input that does not say.</summary>
        public bool? CognitoEnabled { get; set; }

        /// <summary>Clerk fields that differ from what the mapping would send today; empty when in step.</summary>
        public IReadOnlyList<ProfileDifference> Differences { get; set; } = NoDifferences;

        public DateTimeOffset? LastSignInAt { get; set; }

        /// <summary>For <see cref="MigrationState.CannotMigrate"/>: the mapping's ErrorId. For <see cref="MigrationState.DeletedInCognito"/>: how it was found.</summary>
        public string? Reason { get; set; }

        public bool ClerkBanned { get; set; }

        public bool ClerkLocked { get; set; }

        /// <summary>
        /// <see cref="AccessChange.Ban"/> or <see cref="AccessChange.Lock"/> when Clerk holds this module's record of
        /// having banned or locked the user because Cognito disabled them; <see cref="AccessChange.None"/> otherwise.
        /// </summary>
        public AccessChange ModuleRestriction { get; set; }

        /// <summary>The user as Cognito has them now; null for <see cref="MigrationState.DeletedInCognito"/>.</summary>
        public CognitoUser? CognitoUser { get; set; }

        /// <summary>The Clerk lookup still failed after its retries: the State is unknown and means nothing.</summary>
        public Exception? LookupFailure { get; set; }

        /// <summary>The caller's own object (the cmdlet's input), handed back untouched.</summary>
        public object? Input { get; set; }

        /// <summary>In Clerk, and not banned or locked there.</summary>
        public bool IsActiveInClerk => ClerkUserId != null && !ClerkBanned && !ClerkLocked;

        /// <summary>The case an admin must see: disabled in Cognito, still able to sign in to Clerk.</summary>
        public bool IsDisabledButActiveInClerk => CognitoEnabled == false && IsActiveInClerk
            && (State == MigrationState.AwaitingFirstSignIn || State == MigrationState.SignedIn);

        /// <summary>Enabled in Cognito again, still banned or locked in Clerk by this module for having been disabled: the next sync lifts it.</summary>
        public bool IsReenabledButBanned => CognitoEnabled == true && ClerkUserId != null
            && ((ModuleRestriction == AccessChange.Ban && ClerkBanned) || (ModuleRestriction == AccessChange.Lock && ClerkLocked));

        /// <summary>Who this is, in words (never a secret).</summary>
        public string DisplayName => Username ?? ExternalId ?? ClerkUserId ?? "(unnamed user)";
    }
}
