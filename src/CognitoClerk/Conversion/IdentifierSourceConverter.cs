using System;
using EngineIdentifierSource = CognitoClerk.Engine.Migration.IdentifierSource;

namespace CognitoClerk.Conversion
{
    /// <summary>The public -IdentifierSource value to the engine's, and back (for results that report it).</summary>
    internal static class IdentifierSourceConverter
    {
        internal static EngineIdentifierSource ToEngine(IdentifierSource source)
        {
            switch (source)
            {
                case IdentifierSource.Username:
                    return EngineIdentifierSource.Username;
                case IdentifierSource.Email:
                    return EngineIdentifierSource.Email;
                case IdentifierSource.Sub:
                    return EngineIdentifierSource.Sub;
                case IdentifierSource.PhoneNumber:
                    return EngineIdentifierSource.PhoneNumber;
                case IdentifierSource.PreferredUsername:
                    return EngineIdentifierSource.PreferredUsername;
                case IdentifierSource.Auto:
                    return EngineIdentifierSource.Auto;
                default:
                    throw new ArgumentOutOfRangeException(nameof(source), source, "Not an identifier source.");
            }
        }

        internal static IdentifierSource ToPublic(EngineIdentifierSource source)
        {
            switch (source)
            {
                case EngineIdentifierSource.Username:
                    return IdentifierSource.Username;
                case EngineIdentifierSource.Email:
                    return IdentifierSource.Email;
                case EngineIdentifierSource.Sub:
                    return IdentifierSource.Sub;
                case EngineIdentifierSource.PhoneNumber:
                    return IdentifierSource.PhoneNumber;
                case EngineIdentifierSource.PreferredUsername:
                    return IdentifierSource.PreferredUsername;
                case EngineIdentifierSource.Auto:
                    return IdentifierSource.Auto;
                default:
                    throw new ArgumentOutOfRangeException(nameof(source), source, "Not an identifier source.");
            }
        }
    }
}
