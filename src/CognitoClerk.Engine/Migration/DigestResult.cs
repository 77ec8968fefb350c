using System;
using System.Collections.Generic;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The outcome of mapping one Cognito user: a payload to send, or the reason it cannot be migrated.
    /// A migratable user can carry warnings (a field left out rather than the user lost). It says which pool
    /// and which identifier the digest names, so nobody has to parse them back out of the digest.
    /// </summary>
    public sealed class DigestResult
    {
        private static readonly IReadOnlyList<MigrationWarning> NoWarnings = Array.Empty<MigrationWarning>();

        private DigestResult(
            CognitoUser user,
            ClerkCreateUserRequest? request,
            MigrationSkip? skip,
            string? identifier,
            string? userPoolId,
            IReadOnlyList<MigrationWarning>? warnings)
        {
            User = user;
            Request = request;
            Skip = skip;
            Identifier = identifier;
            UserPoolId = userPoolId;
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

        /// <summary>The pool the digest names: the user's own, else the configured one. Null when skipped.</summary>
        public string? UserPoolId { get; }

        /// <summary>Never null; empty for most users.</summary>
        public IReadOnlyList<MigrationWarning> Warnings { get; }

        public static DigestResult Migratable(
            CognitoUser user,
            ClerkCreateUserRequest request,
            string identifier,
            string userPoolId,
            IReadOnlyList<MigrationWarning> warnings) =>
            new DigestResult(user, request, null, identifier, userPoolId, warnings);

        public static DigestResult Skipped(CognitoUser user, MigrationSkip skip) => new DigestResult(user, null, skip, null, null, null);
    }
}
