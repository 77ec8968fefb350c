using System;
using System.Globalization;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Reads UserCreateDate and UserLastModifiedDate in every form they reach us: epoch seconds with a
    /// fraction (the Cognito API, and `aws` with cli_timestamp_format=none), ISO 8601 strings (`aws` v2's
    /// default) or the DateTime ConvertFrom-Json makes of them, DateTime from AWS.Tools, and text from CSV in the
    /// admin's own culture (Export-Csv writes dates that way; see <see cref="CognitoDateText"/>).
    /// </summary>
    internal static class CognitoTimestampReader
    {
        /// <returns>False when the value is there but is not a date; <paramref name="result"/> is null for an absent value.</returns>
        internal static bool TryRead(object? value, out DateTimeOffset? result) => TryRead(value, out result, out _);

        /// <param name="ambiguous">
        /// True when the value is text that reads as two different dates (day and month either way): not guessed,
        /// so the method returns false and the caller says so.
        /// </param>
        internal static bool TryRead(object? value, out DateTimeOffset? result, out bool ambiguous)
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
                        result = offset;
                        return true;
                    case DateTime dateTime:
                        result = FromDateTime(dateTime);
                        return true;
                    case string text:
                        return TryReadText(text, out result, out ambiguous);
                    case double or float:
                        result = FromEpochSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                        return true;
                    case decimal exact:
                        result = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(exact * 1000m, MidpointRounding.AwayFromZero));
                        return true;
                    case sbyte or byte or short or ushort or int or uint or long or ulong:
                        result = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                        return true;
                    default:
                        return TryReadText(value.ToString(), out result, out ambiguous);
                }
            }
            catch (Exception ex) when (ex is ArgumentOutOfRangeException || ex is OverflowException)
            {
                result = null;
                return false;
            }
        }

        private static bool TryReadText(string? text, out DateTimeOffset? result, out bool ambiguous)
        {
            // The current culture is the admin's: what Export-Csv wrote, Import-Csv hands back in the same form.
            CognitoDateTextResult read = CognitoDateText.Parse(text, CultureInfo.CurrentCulture);
            result = read.Kind == CognitoDateTextKind.Date ? read.Value : null;
            ambiguous = read.Kind == CognitoDateTextKind.Ambiguous;
            return read.Kind == CognitoDateTextKind.Date || read.Kind == CognitoDateTextKind.Absent;
        }

        /// <summary>
        /// Cognito keeps milliseconds; a double such as 1682955829.578 is 1682955829.5779998..., so rounding
        /// (not truncating) to the millisecond gives back what Cognito stored.
        /// </summary>
        private static DateTimeOffset FromEpochSeconds(double seconds)
        {
            if (double.IsNaN(seconds) || double.IsInfinity(seconds))
            {
                throw new OverflowException("Not a finite number of seconds.");
            }

            double milliseconds = Math.Round(seconds * 1000d, MidpointRounding.AwayFromZero);
            if (milliseconds < long.MinValue || milliseconds > long.MaxValue)
            {
                throw new OverflowException("Too many seconds.");
            }

            return DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds);
        }

        /// <summary>An unspecified kind is taken as UTC; a local time is converted, as PowerShell makes them from ISO strings with an offset.</summary>
        private static DateTimeOffset FromDateTime(DateTime value)
        {
            DateTime utc = value.Kind == DateTimeKind.Unspecified
                ? DateTime.SpecifyKind(value, DateTimeKind.Utc)
                : value.ToUniversalTime();
            return new DateTimeOffset(utc);
        }
    }
}
