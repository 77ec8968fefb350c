using System.Text.Json.Nodes;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// Where a Clerk user came from, as the migration recorded it in private_metadata.cognito: the Cognito
    /// username and pool. A user without it was not brought over by this module, and the cutover never changes,
    /// bans or deletes such a user.
    /// </summary>
    public sealed class CognitoOrigin
    {
        private CognitoOrigin(string userPoolId, string? username)
        {
            UserPoolId = userPoolId;
            Username = username;
        }

        public string UserPoolId { get; }

        public string? Username { get; }

        /// <summary>Null when the user carries no Cognito pool in its private metadata.</summary>
        public static CognitoOrigin? Read(ClerkUser user)
        {
            if (user?.PrivateMetadata?[ImportRecord.CognitoKey] is not JsonObject cognito
                || !(cognito[ImportRecord.UserPoolIdKey] is JsonValue pool && pool.TryGetValue(out string? poolId))
                || string.IsNullOrEmpty(poolId))
            {
                return null;
            }

            string? username = cognito[ImportRecord.UsernameKey] is JsonValue name && name.TryGetValue(out string? text) ? text : null;
            return new CognitoOrigin(poolId!, username);
        }

        public bool IsFrom(string? userPoolId) => userPoolId != null && string.Equals(UserPoolId, userPoolId, System.StringComparison.Ordinal);
    }
}
