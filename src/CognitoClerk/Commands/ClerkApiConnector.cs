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
            // Placeholder until the clerk slice's ClerkBackendApi lands in main.
            throw new NotSupportedException("The Clerk Backend API client is not available in this build.");
        }
    }
}
