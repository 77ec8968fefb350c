using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// UserCreateDate and UserLastModifiedDate in every form they reach the module: epoch seconds with a
    /// fraction (the Cognito API, and `aws` with cli_timestamp_format=none), as a number or as text; ISO 8601
    /// text (`aws` v2's default) or the DateTime ConvertFrom-Json makes of it; DateTime from AWS.Tools. The one
    /// reader of Cognito timestamps: the JSON client and the cmdlets' input readers both use it. Always UTC,
    /// kept to the millisecond, as Cognito stores it.
    /// <para>
    /// Text may also be the admin's own culture's date and time, which is what Export-Csv writes and Import-Csv
    /// hands back (01/11/2026 10:00:00 in en-GB, 01.11.2026 10:00:00 in de-DE, 11/1/2026 10:00:00 AM in en-US).
    /// The culture's own patterns are tried exactly first, so a round trip through CSV keeps its meaning. Text
    /// that only parses loosely is read in that culture and in the invariant (month-first) one; when the two
    /// disagree (is 03/04/2026 the 3rd of April or the 4th of March?) it is ambiguous, and the caller says so and
    /// leaves the date out rather than guess. ISO 8601 (yyyy-MM-dd...) and epoch seconds mean the same everywhere.
    /// </para>
    /// </summary>
    public static class CognitoTimestamp
    {
        private const DateTimeStyles TextStyles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AdjustToUniversal;

        // yyyy-MM-dd first: nobody reads that day-first, so no culture question arises.
        private static readonly Regex IsoDate = new Regex(@"^\d{4}-\d{2}-\d{2}(?:[Tt ]|$)", RegexOptions.CultureInvariant);

        /// <returns>False when the value is there but is not a date; <paramref name="result"/> is null for an absent or blank value.</returns>
        public static bool TryRead(object? value, out DateTimeOffset? result) =>
            TryRead(value, CultureInfo.InvariantCulture, out result, out _);

        /// <summary>As <see cref="TryRead(object?, out DateTimeOffset?)"/>, text also in <paramref name="culture"/> (the admin's, for CSV).</summary>
        /// <param name="ambiguous">True when the text reads as two different dates: not guessed, so the method returns false.</param>
        public static bool TryRead(object? value, CultureInfo culture, out DateTimeOffset? result, out bool ambiguous)
        {
            result = null;
            ambiguous = false;
            try
            {
                switch (value)
                {
                    case null:
                        return true;
                    case DateTimeOffset offset:
                        result = offset.ToUniversalTime();
                        return true;
                    case DateTime dateTime:
                        result = FromDateTime(dateTime);
                        return true;
                    case string text:
                        return TryReadText(text, culture, out result, out ambiguous);
                    case double or float:
                        return TryFromEpochSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture), out result);
                    case decimal exact:
                        result = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(exact * 1000m, MidpointRounding.AwayFromZero));
                        return true;
                    case sbyte or byte or short or ushort or int or uint or long or ulong:
                        result = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                        return true;
                    default:
                        return TryReadText(value.ToString(), culture, out result, out ambiguous);
                }
            }
            catch (Exception ex) when (ex is ArgumentOutOfRangeException || ex is OverflowException)
            {
                result = null;
                return false;
            }
        }

        /// <summary>Text: epoch seconds, or a date; a time without an offset is UTC, which is what Cognito and the AWS tools write.</summary>
        public static bool TryReadText(string? text, out DateTimeOffset? result) =>
            TryReadText(text, CultureInfo.InvariantCulture, out result, out _);

        /// <summary>As <see cref="TryReadText(string?, out DateTimeOffset?)"/>, also in <paramref name="culture"/>'s own date and time patterns.</summary>
        /// <param name="ambiguous">True when the text reads as two different dates: not guessed, so the method returns false.</param>
        public static bool TryReadText(string? text, CultureInfo culture, out DateTimeOffset? result, out bool ambiguous)
        {
            if (culture == null)
            {
                throw new ArgumentNullException(nameof(culture));
            }

            result = null;
            ambiguous = false;
            string trimmed = (text ?? string.Empty).Trim();
            if (trimmed.Length == 0)
            {
                return true;
            }

            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            {
                return TryFromEpochSeconds(seconds, out result);
            }

            if (IsoDate.IsMatch(trimmed))
            {
                return Accept(DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, TextStyles, out DateTimeOffset iso), iso, out result);
            }

            if (DateTimeOffset.TryParseExact(trimmed, culture.DateTimeFormat.GetAllDateTimePatterns(), culture, TextStyles, out DateTimeOffset exact))
            {
                return Accept(true, exact, out result);
            }

            bool local = DateTimeOffset.TryParse(trimmed, culture, TextStyles, out DateTimeOffset inCulture);
            bool invariant = DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, TextStyles, out DateTimeOffset inInvariant);
            if (local && invariant && inCulture != inInvariant)
            {
                ambiguous = true;
                return false;
            }

            return local ? Accept(true, inCulture, out result) : Accept(invariant, inInvariant, out result);
        }

        private static bool Accept(bool parsed, DateTimeOffset value, out DateTimeOffset? result)
        {
            result = parsed ? value.ToUniversalTime() : (DateTimeOffset?)null;
            return parsed;
        }

        /// <summary>
        /// Cognito keeps milliseconds; a double such as 1682955829.578 is 1682955829.5779998..., so rounding
        /// (not truncating) to the millisecond gives back what Cognito stored. False for NaN, infinity or a
        /// number of seconds no date can hold.
        /// </summary>
        public static bool TryFromEpochSeconds(double seconds, out DateTimeOffset? result)
        {
            result = null;
            if (double.IsNaN(seconds) || double.IsInfinity(seconds))
            {
                return false;
            }

            double milliseconds = Math.Round(seconds * 1000d, MidpointRounding.AwayFromZero);
            if (milliseconds < -62135596800000d || milliseconds > 253402300799999d)
            {
                return false;
            }

            result = DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
            return true;
        }

        /// <summary>An unspecified kind is taken as UTC; a local time is converted, as PowerShell makes them from ISO strings with an offset.</summary>
        public static DateTimeOffset FromDateTime(DateTime value)
        {
            DateTime utc = value.Kind == DateTimeKind.Unspecified
                ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
                : value.ToUniversalTime();
            return new DateTimeOffset(utc);
        }
    }
}
