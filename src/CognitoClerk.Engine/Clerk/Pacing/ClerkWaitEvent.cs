using System;
using System.Globalization;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// One wait the client is about to make before sending a request again (after a 429, or a 5xx, dropped
    /// connection or timeout): for the verbose stream, so no pause is ever silent. Holds no key and no body.
    /// </summary>
    public sealed class ClerkWaitEvent
    {
        public ClerkWaitEvent(string request, TimeSpan wait, TimeSpan? requested, string reason, int attempt)
        {
            Request = request;
            Wait = wait;
            Requested = requested;
            Reason = reason;
            Attempt = attempt;
        }

        /// <summary>Method and path, e.g. "POST /v1/users" (no query: it may hold identifiers).</summary>
        public string Request { get; }

        /// <summary>How long the wait is.</summary>
        public TimeSpan Wait { get; }

        /// <summary>What Clerk's Retry-After asked for, when it was a 429 (may exceed <see cref="Wait"/>: waits are capped).</summary>
        public TimeSpan? Requested { get; }

        /// <summary>Why: "429 Too Many Requests", "HTTP 503", "no answer within 30 s", ...</summary>
        public string Reason { get; }

        /// <summary>The attempt that just failed (1 for the first).</summary>
        public int Attempt { get; }

        /// <summary>True when Clerk asked for longer than the cap (<see cref="ClerkConnectionSettings.MaxRetryAfter"/>).</summary>
        public bool WasCapped => Requested.HasValue && Requested.Value > Wait;

        public override string ToString()
        {
            string text = string.Format(CultureInfo.InvariantCulture, "Clerk {0}: {1} after attempt {2}; waiting {3:0.#} s before sending again",
                Request, Reason, Attempt, Wait.TotalSeconds);
            if (Requested.HasValue)
            {
                text += WasCapped
                    ? string.Format(CultureInfo.InvariantCulture, " (Retry-After asked for {0:0} s; one wait is capped at {1:0.#} s)", Requested.Value.TotalSeconds, Wait.TotalSeconds)
                    : " (Retry-After; every request to this instance waits)";
            }

            return text + ".";
        }
    }
}
