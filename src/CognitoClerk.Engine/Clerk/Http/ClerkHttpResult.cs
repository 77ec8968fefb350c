using System;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// One Clerk answer, read to the end inside the attempt's timeout, so that retries never juggle
    /// undisposed responses and a slow body counts as a slow attempt.
    /// </summary>
    internal sealed class ClerkHttpResult
    {
        public ClerkHttpResult(int statusCode, string? reasonPhrase, string body, string? mediaType, string? cfRay, TimeSpan? retryAfter)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            Body = body;
            MediaType = mediaType;
            CfRay = cfRay;
            RetryAfter = retryAfter;
        }

        public int StatusCode { get; }

        public string? ReasonPhrase { get; }

        public string Body { get; }

        public string? MediaType { get; }

        /// <summary>Cloudflare's request id: the trace id when the body has none.</summary>
        public string? CfRay { get; }

        /// <summary>Parsed Retry-After of a 429 (the default when absent).</summary>
        public TimeSpan? RetryAfter { get; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode <= 299;

        public bool IsServerError => StatusCode >= 500 && StatusCode <= 599;

        public bool IsTooManyRequests => StatusCode == 429;
    }
}
