using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Backoff for throttling, 5xx answers and transport failures: exponential with jitter, bounded.
    /// The defaults ride out a burst of TooManyRequestsException from the account-wide 30 RPS ListUsers quota.
    /// </summary>
    public sealed class CognitoRetryOptions
    {
        /// <summary>Retries after the first attempt (so at most MaxRetryAttempts + 1 calls).</summary>
        public int MaxRetryAttempts { get; set; } = 8;

        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);
    }
}
