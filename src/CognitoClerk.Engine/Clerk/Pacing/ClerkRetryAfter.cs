using System;
using System.Globalization;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>Reads a 429's Retry-After header: how long every request to the instance must wait.</summary>
    internal static class ClerkRetryAfter
    {
        /// <summary>Clerk's migration guidance and our fallback when the header is missing or unreadable.</summary>
        public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

        private static readonly string[] HttpDateFormats =
        {
            "r", // RFC 1123: Sun, 06 Nov 1994 08:49:37 GMT (the preferred HTTP-date)
            "dddd, dd-MMM-yy HH:mm:ss 'GMT'", // RFC 850
            "ddd MMM d HH:mm:ss yyyy", // asctime
        };

        /// <summary>
        /// Delta-seconds (what Clerk sends, "the number of seconds after which the block expires") or an
        /// HTTP-date (RFC 9110 allows both). A date in the past means "now"; anything else unreadable
        /// means <see cref="Default"/>.
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
