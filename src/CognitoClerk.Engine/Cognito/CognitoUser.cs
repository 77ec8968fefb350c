using System;
using System.Collections.Generic;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// One user of a Cognito user pool, as ListUsers (or any export with the same shape) describes it.
    /// Attribute values are the strings Cognito stores ("true", not true), in the order Cognito sent them.
    /// </summary>
    public sealed class CognitoUser
    {
        public CognitoUser(string username, IReadOnlyList<KeyValuePair<string, string?>> attributes)
        {
            Username = username ?? throw new ArgumentNullException(nameof(username));
            Attributes = attributes ?? throw new ArgumentNullException(nameof(attributes));
        }

        public string Username { get; }

        public IReadOnlyList<KeyValuePair<string, string?>> Attributes { get; }

        /// <summary>Open string: Cognito adds statuses over time (CONFIRMED, UNCONFIRMED, EXTERNAL_PROVIDER, ...).</summary>
        public string? UserStatus { get; set; }

        /// <summary>Null when the source did not say (an export without the field).</summary>
        public bool? Enabled { get; set; }

        public DateTimeOffset? UserCreateDate { get; set; }

        public DateTimeOffset? UserLastModifiedDate { get; set; }

        /// <summary>The pool the user was read from, when known.</summary>
        public string? UserPoolId { get; set; }

        /// <summary>
        /// The user's Cognito groups, ordered by precedence (lowest first, groups without one last), then by name.
        /// Null when the groups were not read (not the same as empty: in no group). Lists are shared between
        /// users in the same groups: never change one.
        /// </summary>
        public IReadOnlyList<string>? Groups { get; set; }

        /// <summary>The value of an attribute, or null when the user does not have it. Names compare exactly, as Cognito's do.</summary>
        public string? GetAttribute(string name)
        {
            foreach (KeyValuePair<string, string?> pair in Attributes)
            {
                if (string.Equals(pair.Key, name, StringComparison.Ordinal))
                {
                    return pair.Value;
                }
            }

            return null;
        }
    }
}
