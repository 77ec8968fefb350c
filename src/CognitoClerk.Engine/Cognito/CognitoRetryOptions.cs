using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Backoff for throttling, 5xx answers and transport failures: exponential with jitter, bounded.
    /// The defaults (about 25 s of waiting in all) ride out a burst of TooManyRequestsException from the
    /// account-wide 30 RPS ListUsers quota without leaving an admin staring at a dead endpoint for minutes.
    /// </summary>
    public sealed class CognitoRetryOptions
    {
        /// <summary>Retries after the first attempt (so at most MaxRetryAttempts + 1 calls).</summary>
        public int MaxRetryAttempts { get; set; } = 6;

        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(10);
    }
}
