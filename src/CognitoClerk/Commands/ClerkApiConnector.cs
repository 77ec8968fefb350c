using System;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Commands
{
    /// <summary>Builds the Backend API client for the cmdlets from the bound parameters and the environment.</summary>
    internal static class ClerkApiConnector
    {
        /// <param name="apiUrl">-ApiUrl, else $env:CLERK_API_URL; null means https://api.clerk.com.</param>
        /// <param name="requestsPer10Seconds">-RequestsPer10Seconds; null means Clerk's documented limit for the instance.</param>
        /// <exception cref="ArgumentException">The URL is not https (or http on loopback). No network call has been made.</exception>
        /// <param name="onWait">Told about every wait before a retry, on a worker thread (queue it for the pipeline thread).</param>
        internal static ClerkBackendApi Connect(ClerkSecretKey secretKey, string? apiUrl, int? requestsPer10Seconds, Action<ClerkWaitEvent>? onWait = null)
        {
            return ClerkBackendApi.Create(new ClerkConnectionSettings(secretKey, apiUrl ?? EnvironmentDefaults.ClerkApiUrl)
            {
                RequestsPer10Seconds = requestsPer10Seconds,
                OnWait = onWait,
            });
        }
    }
}
