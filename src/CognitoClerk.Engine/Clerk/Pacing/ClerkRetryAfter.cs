using System;
using System.Globalization;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>Reads a 429's Retry-After header: how long every request to the instance must wait.</summary>
    internal static class ClerkRetryAfter
    {
        /// <summary>Clerk's migration guidance and our fallback when the header is missing or unreadable.</summary>
        public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

        /// <summary>
        /// The longest one 429 makes the run wait (60 s). Clerk's own pauses are seconds long; a proxy or a broken
        /// server asking for an hour (or for 3,000 years) would otherwise stall the run without a word. Past the
        /// cap the request is simply tried again, and the per-request wait budget ends it if the answers persist.
        /// </summary>
        public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(60);

        /// <summary>What the run actually waits for a 429 asking for <paramref name="requested"/>: never negative, never above <paramref name="maximum"/>.</summary>
        public static TimeSpan Capped(TimeSpan requested, TimeSpan maximum) =>
            requested <= TimeSpan.Zero ? TimeSpan.Zero : requested > maximum ? maximum : requested;

        private static readonly string[] HttpDateFormats =
        {
            "r", // RFC 1123: Sun, 06 Nov 1994 08:49:37 GMT (the preferred HTTP-date)
            "dddd, dd-MMM-yy HH:mm:ss 'GMT'", // RFC 850
            "ddd MMM d HH:mm:ss yyyy", // asctime
        };

        /// <summary>
        /// Delta-seconds (what Clerk sends, "the number of seconds after which the block expires") or an
        /// HTTP-date (RFC 9110 allows both). A date in the past means "now"; anything else unreadable
        /// means <see cref="Default"/>. This is what the server asked for; <see cref="Capped"/> is what is waited.
        /// </summary>
        public static TimeSpan Parse(string? headerValue, DateTimeOffset now)
        {
            string value = headerValue?.Trim() ?? string.Empty;
            if (value.Length == 0)
            {
                return Default;
            }

            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
            {
                return seconds > (long)TimeSpan.MaxValue.TotalSeconds ? Default : TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParseExact(value, HttpDateFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
            {
                TimeSpan wait = date - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return Default;
        }
    }
}
