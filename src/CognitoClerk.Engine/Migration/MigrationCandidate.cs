using System;
using System.Collections.Generic;
using System.Linq;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// One user offered to a migration: a <see cref="MigrationWorkItem"/> to send, or the
    /// <see cref="MigrationSkip"/> that says why it cannot be sent. Either way it says who the user is as far
    /// as the input told (for the Skipped result and the journal) and carries the warnings to show.
    /// </summary>
    public sealed class MigrationCandidate
    {
        private static readonly IReadOnlyList<MigrationWarning> NoWarnings = Array.Empty<MigrationWarning>();

        private MigrationCandidate(MigrationWorkItem? workItem, MigrationSkip? skip, object? state, IReadOnlyList<MigrationWarning>? warnings)
        {
            WorkItem = workItem;
            Skip = skip;
            State = state;
            Warnings = warnings ?? NoWarnings;
        }

        /// <summary>Set when the user can be sent.</summary>
        public MigrationWorkItem? WorkItem { get; }

        /// <summary>Set when it cannot.</summary>
        public MigrationSkip? Skip { get; }

        /// <summary>The caller's own object for this user (the pipeline input), handed back untouched.</summary>
        public object? State { get; }

        public IReadOnlyList<MigrationWarning> Warnings { get; }

        public string? CognitoUsername { get; private set; }

        public string? UserPoolId { get; private set; }

        public string? Email { get; private set; }

        public string? ExternalId { get; private set; }

        /// <summary>Maps a Cognito user (<see cref="CognitoDigestMapper"/>); <paramref name="readWarnings"/> come first, from reading the input.</summary>
        public static MigrationCandidate FromUser(CognitoUser user, DigestOptions options, object? state, IReadOnlyList<MigrationWarning>? readWarnings = null)
        {
            DigestResult result = CognitoDigestMapper.Map(user, options);
            if (result.Request == null)
            {
                // No warnings: a field left out of a payload that is never sent is not news.
                return new MigrationCandidate(null, result.Skip, state, null)
                {
                    CognitoUsername = user.Username,
                    UserPoolId = user.UserPoolId,
                    Email = user.GetAttribute(CognitoAttributeNames.Email),
                    ExternalId = user.GetAttribute(CognitoAttributeNames.Sub),
                };
            }

            IReadOnlyList<MigrationWarning> warnings = readWarnings == null || readWarnings.Count == 0
                ? result.Warnings
                : readWarnings.Concat(result.Warnings).ToList();
            return Sendable(new MigrationWorkItem(result.Request, user.Username, result.UserPoolId, state), warnings);
        }

        /// <summary>
        /// A CreateUser payload made elsewhere (ConvertTo-ClerkCognitoDigest's output, perhaps read back from a
        /// file and edited): checked with <see cref="DigestPayloadCheck"/>. Who the user is comes from the caller
        /// when it knows, else from the payload's private_metadata.cognito, else from the digest itself.
        /// </summary>
        public static MigrationCandidate FromPayload(ClerkCreateUserRequest request, string? cognitoUsername, string? userPoolId, object? state)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            string? username = cognitoUsername ?? CognitoOrigin.Read(request, "username");
            string? pool = userPoolId ?? CognitoOrigin.Read(request, "user_pool_id");
            if (pool == null && AwsCognitoDigest.TryParse(request.PasswordDigest, out string digestPool, out _, out string identifier))
            {
                pool = digestPool;
                username ??= identifier;
            }

            MigrationSkip? problem = DigestPayloadCheck.Check(request, $"The digest of '{username ?? request.ExternalId ?? request.EmailAddress?.FirstOrDefault()}'");
            if (problem != null)
            {
                return NotSendable(problem, state, username, pool, request.EmailAddress?.FirstOrDefault(), request.ExternalId);
            }

            return Sendable(new MigrationWorkItem(request, username, pool, state), null);
        }

        /// <summary>Input that is not a user at all, or a user that cannot be read: only what is known of who it is.</summary>
        public static MigrationCandidate NotSendable(
            MigrationSkip skip,
            object? state,
            string? cognitoUsername = null,
            string? userPoolId = null,
            string? email = null,
            string? externalId = null,
            IReadOnlyList<MigrationWarning>? warnings = null) =>
            new MigrationCandidate(null, skip ?? throw new ArgumentNullException(nameof(skip)), state, warnings)
            {
                CognitoUsername = cognitoUsername,
                UserPoolId = userPoolId,
                Email = email,
                ExternalId = externalId,
            };

        private static MigrationCandidate Sendable(MigrationWorkItem item, IReadOnlyList<MigrationWarning>? warnings) =>
            new MigrationCandidate(item, null, item.State, warnings)
            {
                CognitoUsername = item.CognitoUsername,
                UserPoolId = item.UserPoolId,
                Email = item.Email,
                ExternalId = item.ExternalId,
            };
    }
}
