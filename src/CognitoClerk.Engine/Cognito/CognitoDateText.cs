using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// A Cognito timestamp written as text, in any of the forms it reaches the module: epoch seconds (the API,
    /// `aws --cli-timestamp-format none`), ISO 8601 (`aws` v2's default, 2026-11-01T10:00:00.123000+00:00),
    /// and the admin's own culture's date and time, which is what Export-Csv writes and Import-Csv hands back
    /// (01/11/2026 10:00:00 in en-GB, 01.11.2026 10:00:00 in de-DE, 11/1/2026 10:00:00 AM in en-US).
    /// <para>
    /// The culture's own patterns are tried exactly first, so an admin's round trip through CSV keeps its
    /// meaning. A string that only parses loosely is read in the admin's culture and in the invariant
    /// (month-first) one; when the two disagree (is 03/04/2026 the 3rd of April or the 4th of March?) it is
    /// <see cref="CognitoDateTextKind.Ambiguous"/>, and the caller says so and leaves the date out rather than
    /// guess. A time without an offset is UTC: that is what Cognito, the AWS tools and this module write.
    /// </para>
    /// </summary>
    public static class CognitoDateText
    {
        private const DateTimeStyles Styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal;

        // yyyy-MM-dd first: nobody reads that day-first, so no culture question arises.
        private static readonly Regex IsoDate = new Regex(@"^\d{4}-\d{2}-\d{2}(?:[Tt ]|$)", RegexOptions.CultureInvariant);

        private static readonly double MinUnixMilliseconds = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
        private static readonly double MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

        public static CognitoDateTextResult Parse(string? text, CultureInfo culture)
        {
            if (culture == null)
            {
                throw new ArgumentNullException(nameof(culture));
            }

            string trimmed = (text ?? string.Empty).Trim();
            if (trimmed.Length == 0)
            {
                return CognitoDateTextResult.Absent;
            }

            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            {
                return FromEpochSeconds(seconds);
            }

            if (IsoDate.IsMatch(trimmed))
            {
                return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, Styles, out DateTimeOffset iso)
                    ? CognitoDateTextResult.Date(iso)
                    : CognitoDateTextResult.Invalid;
            }

            if (DateTimeOffset.TryParseExact(trimmed, culture.DateTimeFormat.GetAllDateTimePatterns(), culture, Styles, out DateTimeOffset exact))
            {
                return CognitoDateTextResult.Date(exact);
            }

            bool local = DateTimeOffset.TryParse(trimmed, culture, Styles, out DateTimeOffset inCulture);
            bool invariant = DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, Styles, out DateTimeOffset inInvariant);
            if (local && invariant && inCulture != inInvariant)
            {
                return CognitoDateTextResult.Ambiguous(inCulture, inInvariant);
            }

            return local ? CognitoDateTextResult.Date(inCulture)
                : invariant ? CognitoDateTextResult.Date(inInvariant)
                : CognitoDateTextResult.Invalid;
        }

        /// <summary>Epoch seconds to the millisecond (rounded: 1682955829.578 is 1682955829.5779998 as a double), or Invalid outside years 1 to 9999.</summary>
        public static CognitoDateTextResult FromEpochSeconds(double seconds)
        {
            double milliseconds = Math.Round(seconds * 1000d, MidpointRounding.AwayFromZero);
            if (double.IsNaN(milliseconds) || milliseconds < MinUnixMilliseconds || milliseconds > MaxUnixMilliseconds)
            {
                return CognitoDateTextResult.Invalid;
            }

            return CognitoDateTextResult.Date(DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds));
        }
    }
}
