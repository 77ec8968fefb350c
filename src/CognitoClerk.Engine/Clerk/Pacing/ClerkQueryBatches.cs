using System;
using System.Collections.Generic;
using System.Text;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// Splits lookup values into GET /v1/users query strings: at most 100 values per call (Clerk's
    /// limit per filter) and a bounded URL, because servers and proxies refuse request lines of more than
    /// about 8 KB and 100 long email addresses would pass that.
    /// </summary>
    internal static class ClerkQueryBatches
    {
        public const int MaxValuesPerCall = 100;

        /// <summary>Leaves room for the path, limit/offset and the rest of an 8 KB request line.</summary>
        public const int MaxQueryLength = 6000;

        /// <summary>
        /// Query fragments "name=value&amp;name=value…", values URL-encoded, empty and duplicate values
        /// dropped. With <paramref name="includePrefix"/>, each value is sent as "+value" (encoded %2B):
        /// Clerk reads a leading + as include and - as exclude for external_id and user_id, so an id that
        /// itself begins with "-" (or "+") would otherwise be misread; the explicit + makes every value an include.
        /// </summary>
        public static IEnumerable<string> Build(string name, IEnumerable<string> values, bool includePrefix)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var query = new StringBuilder();
            int count = 0;
            foreach (string value in values)
            {
                if (string.IsNullOrEmpty(value) || !seen.Add(value))
                {
                    continue;
                }

                string pair = name + "=" + (includePrefix ? "%2B" : string.Empty) + Uri.EscapeDataString(value);
                if (count > 0 && (count == MaxValuesPerCall || query.Length + 1 + pair.Length > MaxQueryLength))
                {
                    yield return query.ToString();
                    query.Clear();
                    count = 0;
                }

                if (count > 0)
                {
                    query.Append('&');
                }

                query.Append(pair);
                count++;
            }

            if (count > 0)
            {
                yield return query.ToString();
            }
        }
    }
}
