using System;
using System.Globalization;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// UserCreateDate and UserLastModifiedDate in every form they reach the module: epoch seconds with a
    /// fraction (the Cognito API, and `aws` with cli_timestamp_format=none), as a number or as text; ISO 8601
    /// text (`aws` v2's default) or the DateTime ConvertFrom-Json makes of it; DateTime from AWS.Tools. The one
    /// reader of Cognito timestamps: the JSON client and the cmdlets' input readers both use it. Always UTC,
    /// kept to the millisecond, as Cognito stores it.
    /// </summary>
    public static class CognitoTimestamp
    {
        /// <returns>False when the value is there but is not a date; <paramref name="result"/> is null for an absent or blank value.</returns>
        public static bool TryRead(object? value, out DateTimeOffset? result)
        {
            result = null;
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
                        return TryReadText(text, out result);
                    case double or float:
                        return TryFromEpochSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture), out result);
                    case decimal exact:
                        result = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(exact * 1000m, MidpointRounding.AwayFromZero));
                        return true;
                    case sbyte or byte or short or ushort or int or uint or long or ulong:
                        result = DateTimeOffset.FromUnixTimeSeconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                        return true;
                    default:
                        return TryReadText(value.ToString(), out result);
                }
            }
            catch (Exception ex) when (ex is ArgumentOutOfRangeException || ex is OverflowException)
            {
                result = null;
                return false;
            }
        }

        /// <summary>Text: epoch seconds, or a date; a time without an offset is UTC, which is what Cognito and the AWS tools write.</summary>
        public static bool TryReadText(string? text, out DateTimeOffset? result)
        {
            result = null;
            string trimmed = (text ?? string.Empty).Trim();
            if (trimmed.Length == 0)
            {
                return true;
            }

            if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
            {
                return TryFromEpochSeconds(seconds, out result);
            }

            if (DateTimeOffset.TryParse(
                    trimmed,
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                    out DateTimeOffset parsed))
            {
                result = parsed.ToUniversalTime();
                return true;
            }

            return false;
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
