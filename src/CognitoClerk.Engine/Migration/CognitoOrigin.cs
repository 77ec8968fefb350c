using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Which Cognito user a payload, or a Clerk user, says it comes from: private_metadata.cognito.username and
    /// user_pool_id, as the digest mapper writes them. Tells who a payload made elsewhere is, and a re-run of the
    /// same person from a second Cognito user that carries the same sub.
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

        /// <summary>
        /// True when the Clerk user says it came from <paramref name="userPoolId"/> (private_metadata.cognito.user_pool_id):
        /// the cutover never changes, bans or deletes a user who does not.
        /// </summary>
        public static bool IsFrom(ClerkUser user, string? userPoolId) =>
            userPoolId != null && string.Equals(user.CognitoUserPoolId, userPoolId, StringComparison.Ordinal);

        /// <summary>private_metadata.cognito.&lt;key&gt; as the mapper writes it; names compare as PowerShell's hashtables do.</summary>
        internal static string? Read(ClerkCreateUserRequest request, string key)
        {
            object? cognito = Lookup(request.PrivateMetadata, "cognito");
            object? value = cognito is IDictionary<string, object?> typed ? Lookup(typed, key)
                : cognito is IDictionary untyped ? LookupUntyped(untyped, key)
                : null;
            string? text = value == null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
            return string.IsNullOrEmpty(text) ? null : text;
        }

        private static object? Lookup(IDictionary<string, object?>? dictionary, string key)
        {
            if (dictionary == null)
            {
                return null;
            }

            if (dictionary.TryGetValue(key, out object? exact))
            {
                return exact;
            }

            return dictionary.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value;
        }

        private static object? LookupUntyped(IDictionary dictionary, string key)
        {
            foreach (DictionaryEntry entry in dictionary)
            {
                if (string.Equals(entry.Key?.ToString(), key, StringComparison.OrdinalIgnoreCase))
                {
                    return entry.Value;
                }
            }

            return null;
        }
    }
}
