using System;
using System.Collections.Generic;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The outcome of mapping one Cognito user: a payload to send, or the reason it cannot be migrated.
    /// A migratable user can carry warnings (a field left out rather than the user lost).
    /// </summary>
    public sealed class DigestResult
    {
        private static readonly IReadOnlyList<MigrationWarning> NoWarnings = Array.Empty<MigrationWarning>();

        private DigestResult(
            CognitoUser user,
            ClerkCreateUserRequest? request,
            MigrationSkip? skip,
            string? identifier,
            IReadOnlyList<MigrationWarning>? warnings)
        {
            User = user;
            Request = request;
            Skip = skip;
            Identifier = identifier;
            Warnings = warnings ?? NoWarnings;
        }

        public CognitoUser User { get; }

        public ClerkCreateUserRequest? Request { get; }

        public MigrationSkip? Skip { get; }

        public bool IsMigratable => Request != null;

        /// <summary>
        /// The name in the digest that Clerk will pass to Cognito InitiateAuth as USERNAME; null when skipped.
        /// One-user validation signs in with exactly this value.
        /// </summary>
        public string? Identifier { get; }

        /// <summary>Never null; empty for most users.</summary>
        public IReadOnlyList<MigrationWarning> Warnings { get; }

        public static DigestResult Migratable(CognitoUser user, ClerkCreateUserRequest request) =>
            new DigestResult(user, request, null, null, null);

        public static DigestResult Migratable(
            CognitoUser user,
            ClerkCreateUserRequest request,
            string identifier,
            IReadOnlyList<MigrationWarning> warnings) =>
            new DigestResult(user, request, null, identifier, warnings);

        public static DigestResult Skipped(CognitoUser user, MigrationSkip skip) => new DigestResult(user, null, skip, null, null);
    }
}
