using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// The formats CreateUser insists on. A value Clerk refuses fails the whole create
    /// (form_param_format_invalid, form_param_invalid_time), so the mapper checks them offline first.
    /// </summary>
    public static class ClerkFieldFormats
    {
        private static readonly Regex E164Pattern = new Regex("^\\+[1-9][0-9]{1,14}$", RegexOptions.CultureInvariant);

        private const string Rfc3339Utc = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        /// <summary>RFC3339 in UTC with milliseconds, the form of Clerk's own example: 2012-10-20T07:15:20.902Z.</summary>
        public static string ToRfc3339(DateTimeOffset value) =>
            value.UtcDateTime.ToString(Rfc3339Utc, CultureInfo.InvariantCulture);

        /// <summary>As <see cref="ToRfc3339(DateTimeOffset)"/>; a local or unspecified time is taken as local, as DateTime.ToUniversalTime does.</summary>
        public static string ToRfc3339(DateTime value) =>
            value.ToUniversalTime().ToString(Rfc3339Utc, CultureInfo.InvariantCulture);

        /// <summary>'+', a country code that does not start with 0, at most 15 digits in all, nothing else (no spaces or dashes).</summary>
        public static bool IsE164PhoneNumber(string? value) => value != null && E164Pattern.IsMatch(value);

        /// <summary>
        /// A deliberately plain check (one '@', a local part, a dotted domain, no spaces): it rejects what
        /// is certainly not an address and leaves finer judgement to Clerk.
        /// </summary>
        public static bool IsPlausibleEmailAddress(string? value)
        {
            if (string.IsNullOrEmpty(value) || value!.Length > 320)
            {
                return false;
            }

            foreach (char c in value)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    return false;
                }
            }

            int at = value.IndexOf('@');
            if (at <= 0 || at != value.LastIndexOf('@') || at > 64)
            {
                return false;
            }

            string[] labels = value.Substring(at + 1).Split('.');
            if (labels.Length < 2)
            {
                return false;
            }

            foreach (string label in labels)
            {
                if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[label.Length - 1] == '-')
                {
                    return false;
                }
            }

            return true;
        }
    }
}
