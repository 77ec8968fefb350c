using System;
using System.Collections;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Which Cognito user a payload, or a Clerk user, says it comes from: private_metadata.cognito.username and
    /// user_pool_id, as the digest mapper writes them. Used to tell a re-run of the same person from a second
    /// Cognito user that carries the same sub.
    /// </summary>
    internal static class CognitoOrigin
    {
        /// <summary>
        /// True when both sides name their Cognito user and the names (or pools) differ: the Clerk user holding
        /// this external_id was migrated from someone else. False when they agree or either side does not say.
        /// </summary>
        public static bool IsSomeoneElse(ClerkCreateUserRequest request, ClerkUser existing, out string? ourUsername)
        {
            ourUsername = Read(request, "username");
            if (ourUsername == null || existing.CognitoUsername == null)
            {
                return false;
            }

            if (!string.Equals(ourUsername, existing.CognitoUsername, StringComparison.Ordinal))
            {
                return true;
            }

            string? ourPool = Read(request, "user_pool_id");
            return ourPool != null && existing.CognitoUserPoolId != null
                && !string.Equals(ourPool, existing.CognitoUserPoolId, StringComparison.Ordinal);
        }

        private static string? Read(ClerkCreateUserRequest request, string name)
        {
            object? cognito = null;
            if (request.PrivateMetadata != null)
            {
                request.PrivateMetadata.TryGetValue("cognito", out cognito);
            }

            if (cognito is IDictionary dictionary && dictionary.Contains(name))
            {
                return dictionary[name] as string;
            }

            return null;
        }
    }
}
