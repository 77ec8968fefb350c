using System;
using EngineIdentifierSource = CognitoClerk.Engine.Migration.IdentifierSource;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// The public -IdentifierSource value to the engine's. Auto is an alias of Username and nothing more: the
    /// module's rule picks Username in every kind of pool (see the engine's IdentifierSourceCheck), so there is
    /// nothing to resolve. It stays in the public enum so that scripts naming it keep working.
    /// </summary>
    internal static class IdentifierSourceConverter
    {
        /// <summary>What the cmdlets say (Write-Verbose, the readiness row) when -IdentifierSource Auto was given.</summary>
        internal const string AutoChoice =
            "Auto chose Username: Cognito accepts a user's Username for sign-in in every kind of pool, and it never changes.";

        internal static EngineIdentifierSource ToEngine(IdentifierSource source)
        {
            switch (source)
            {
                case IdentifierSource.Username:
                case IdentifierSource.Auto:
                    return EngineIdentifierSource.Username;
                case IdentifierSource.Email:
                    return EngineIdentifierSource.Email;
                case IdentifierSource.Sub:
                    return EngineIdentifierSource.Sub;
                case IdentifierSource.PhoneNumber:
                    return EngineIdentifierSource.PhoneNumber;
                case IdentifierSource.PreferredUsername:
                    return EngineIdentifierSource.PreferredUsername;
                default:
                    throw new ArgumentOutOfRangeException(nameof(source), source, "Not an identifier source.");
            }
        }
    }
}
