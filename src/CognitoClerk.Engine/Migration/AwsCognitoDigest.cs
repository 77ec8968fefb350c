using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Clerk's awscognito password digest, awscognito#&lt;user pool id&gt;#&lt;client id&gt;#&lt;identifier&gt;.
    /// Not a secret: it names where Clerk checks the password, not the password.
    /// </summary>
    public static class AwsCognitoDigest
    {
        public const string Prefix = "awscognito";

        /// <summary>'#' separates the parts, so none of them may contain it.</summary>
        public const char Separator = '#';

        public static string Format(string userPoolId, string clientId, string identifier)
        {
            RequireNoSeparator(userPoolId, nameof(userPoolId));
            RequireNoSeparator(clientId, nameof(clientId));
            RequireNoSeparator(identifier, nameof(identifier));
            return Prefix + Separator + userPoolId + Separator + clientId + Separator + identifier;
        }

        /// <summary>Splits a digest into its parts; false when it is not exactly four '#'-separated parts starting with awscognito.</summary>
        public static bool TryParse(string? digest, out string userPoolId, out string clientId, out string identifier)
        {
            userPoolId = clientId = identifier = string.Empty;
            if (digest == null)
            {
                return false;
            }

            string[] parts = digest.Split(Separator);
            if (parts.Length != 4 || !string.Equals(parts[0], Prefix, StringComparison.Ordinal)
                || parts[1].Length == 0 || parts[2].Length == 0 || parts[3].Length == 0)
            {
                return false;
            }

            userPoolId = parts[1];
            clientId = parts[2];
            identifier = parts[3];
            return true;
        }

        private static void RequireNoSeparator(string value, string name)
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException("A digest part cannot be empty.", name);
            }

            if (value.IndexOf(Separator) >= 0)
            {
                throw new ArgumentException("A digest part cannot contain '#'.", name);
            }
        }
    }
}
