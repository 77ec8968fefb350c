using System;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// Reads an awscognito password digest (<c>awscognito#&lt;pool&gt;#&lt;client&gt;#&lt;identifier&gt;</c>) the
    /// way Clerk must: the pool and client contain no '#', so everything after the third '#' is the identifier.
    /// </summary>
    public static class PasswordDigestParser
    {
        public const string Prefix = "awscognito";

        public static bool TryParse(string? digest, out string userPoolId, out string clientId, out string identifier)
        {
            userPoolId = clientId = identifier = string.Empty;
            if (string.IsNullOrEmpty(digest))
            {
                return false;
            }

            string[] parts = digest!.Split(new[] { '#' }, 4);
            if (parts.Length != 4
                || !string.Equals(parts[0], Prefix, StringComparison.Ordinal)
                || parts[1].Length == 0 || parts[2].Length == 0 || parts[3].Length == 0)
            {
                return false;
            }

            userPoolId = parts[1];
            clientId = parts[2];
            identifier = parts[3];
            return true;
        }
    }
}
