using System;
using System.Collections.Generic;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>One status row given to a sync: what the status saw, and the Cognito user as it was read.</summary>
    public sealed class SyncRow
    {
        public MigrationState State { get; set; }

        public string? Username { get; set; }

        public string? UserPoolId { get; set; }

        public string? ExternalId { get; set; }

        public string? ClerkUserId { get; set; }

        public bool? CognitoEnabled { get; set; }

        public DateTimeOffset? LastSignInAt { get; set; }

        public bool ClerkBanned { get; set; }

        public bool ClerkLocked { get; set; }

        /// <summary>
        /// <see cref="AccessChange.Ban"/> or <see cref="AccessChange.Lock"/> when Clerk holds this module's record of
        /// having banned or locked the user because Cognito disabled them (<see cref="Migration.AccessRecord"/>);
        /// <see cref="AccessChange.None"/> otherwise. Only such a ban or lock is ever lifted.
        /// </summary>
        public AccessChange ModuleRestriction { get; set; }

        /// <summary>False when the row does not say (a status row of a CognitoClerk from before the record): then no ban is lifted, and the reason says why.</summary>
        public bool ModuleRestrictionKnown { get; set; } = true;

        /// <summary>The fields the status found different (by name).</summary>
        public IReadOnlyList<string> Changes { get; set; } = Array.Empty<string>();

        /// <summary>The status's Reason (a CannotMigrate ErrorId).</summary>
        public string? Reason { get; set; }

        /// <summary>Needed to create a NotMigrated user and to bring fields up to date; null for DeletedInCognito.</summary>
        public CognitoUser? CognitoUser { get; set; }

        /// <summary>The caller's own object, handed back untouched.</summary>
        public object? Input { get; set; }

        public string DisplayName => Username ?? ExternalId ?? ClerkUserId ?? "(unnamed user)";
    }
}
