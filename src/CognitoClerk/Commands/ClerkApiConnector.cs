using System;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Commands
{
    /// <summary>Builds the Backend API client for the cmdlets from the bound parameters and the environment.</summary>
    internal static class ClerkApiConnector
    {
        /// <exception cref="ArgumentException">The URL is not https (or http on loopback).</exception>
        internal static IClerkBackendApi Connect(ClerkSecretKey secretKey, string? apiUrl, int? requestsPer10Seconds)
        {
            var settings = new ClerkConnectionSettings(secretKey, apiUrl)
            {
                RequestsPer10Seconds = requestsPer10Seconds,
            };
            return ClerkBackendApi.Create(settings);
        }
    }
}
