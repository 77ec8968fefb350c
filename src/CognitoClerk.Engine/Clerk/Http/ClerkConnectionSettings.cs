using System;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>How to reach one Clerk instance; given to <see cref="ClerkBackendApi.Create(ClerkConnectionSettings)"/>.</summary>
    public sealed class ClerkConnectionSettings
    {
        public const string DefaultApiUrl = "https://api.clerk.com";

        public ClerkConnectionSettings(ClerkSecretKey secretKey, string? apiUrl = null)
        {
            SecretKey = secretKey ?? throw new ArgumentNullException(nameof(secretKey));
            ApiUrl = string.IsNullOrWhiteSpace(apiUrl) ? DefaultApiUrl : apiUrl!;
        }

        public ClerkSecretKey SecretKey { get; }

        /// <summary>
        /// The API's base URL, as Clerk's SDKs take it: /v1 is appended unless the URL already ends in it.
        /// https only; http only on loopback (127.0.0.1, ::1, localhost), for emulators and rehearsals.
        /// </summary>
        public string ApiUrl { get; set; }

        /// <summary>
        /// Overrides the pace; by default it comes from GET /v1/instance (production 1000 per 10 s,
        /// development 100), Clerk's documented Backend API limits.
        /// </summary>
        public int? RequestsPer10Seconds { get; set; }

        /// <summary>How long one attempt (request and response body) may take before it counts as a timeout and is retried.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>Retries after a 5xx, a connection failure or a timeout (exponential backoff with jitter). 0 turns them off.</summary>
        public int MaxRetryAttempts { get; set; } = 5;

        /// <summary>The first backoff; later ones grow exponentially (500 ms, as Clerk's generated SDKs start).</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>
        /// How many 429s in a row one request waits out (each after the instance-wide Retry-After pause)
        /// before the 429 is reported. Bounded so that a key another process is exhausting fails visibly
        /// instead of hanging a run.
        /// </summary>
        public int MaxRateLimitRetries { get; set; } = 20;

        /// <summary>
        /// The longest one 429 pauses the instance, whatever its Retry-After asks (<see cref="ClerkRetryAfter.Maximum"/>,
        /// 60 s, by default). A longer request is waited out in steps of this length, within <see cref="MaxWaitPerRequest"/>.
        /// </summary>
        public TimeSpan MaxRetryAfter { get; set; } = ClerkRetryAfter.Maximum;

        /// <summary>
        /// The most one request waits, in all, to be sent again (Retry-After pauses, each capped at
        /// <see cref="ClerkRetryAfter.Maximum"/>, and backoffs): 5 minutes. Past it the last answer is reported.
        /// </summary>
        public TimeSpan MaxWaitPerRequest { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// Told about every wait before a request is sent again, on whatever thread it happens: a cmdlet queues
        /// the event and writes it from the pipeline thread. Carries no key and no body.
        /// </summary>
        public Action<ClerkWaitEvent>? OnWait { get; set; }

        internal void Validate()
        {
            if (RequestsPer10Seconds.HasValue && RequestsPer10Seconds.Value < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(RequestsPer10Seconds), RequestsPer10Seconds.Value, "The Clerk request rate must be at least 1 request per 10 seconds.");
            }

            if (Timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The Clerk request timeout must be positive.");
            }

            if (MaxRetryAttempts < 0 || MaxRateLimitRetries < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxRetryAttempts), "Retry counts cannot be negative.");
            }

            if (MaxRetryAfter <= TimeSpan.Zero || MaxRetryAfter > TimeSpan.FromHours(1))
            {
                throw new ArgumentOutOfRangeException(nameof(MaxRetryAfter), MaxRetryAfter, "The longest Retry-After pause must be positive and at most an hour.");
            }

            if (MaxWaitPerRequest < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxWaitPerRequest), MaxWaitPerRequest, "The wait budget cannot be negative.");
            }

            if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
            {
                throw new ArgumentOutOfRangeException(nameof(RetryBaseDelay), "Retry delays must be non-negative, the maximum no smaller than the base.");
            }
        }
    }
}
