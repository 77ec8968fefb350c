using System.Globalization;
using System.Text;

namespace CognitoClerk.Engine.Text
{
    /// <summary>
    /// Makes text that came from outside (a Cognito username, an email, a server's error message) safe to put
    /// in a message the module writes to a PowerShell stream. A terminal acts on control characters: ESC
    /// starts sequences that move the cursor, recolour or retitle the window, or rewrite what the admin sees,
    /// so a crafted username must never reach it raw. Control and bidirectional-override characters become
    /// visible escapes (\e, \t, \n, \u0000, \u202e), and very long values are shortened with their length said.
    /// The data itself (output objects, the journal, what is sent to Clerk) is never changed.
    /// </summary>
    public static class ConsoleText
    {
        /// <summary>How much of one value goes into a message; the rest is said as a count.</summary>
        public const int DefaultMaxLength = 160;

        /// <summary>The value with every control and bidi-override character escaped, shortened past <paramref name="maxLength"/>.</summary>
        public static string Escape(string? value, int maxLength = DefaultMaxLength)
        {
            if (string.IsNullOrEmpty(value))
            {
                return value ?? string.Empty;
            }

            if (value!.Length <= maxLength && !NeedsEscape(value))
            {
                return value;
            }

            var text = new StringBuilder(System.Math.Min(value.Length, maxLength) + 16);
            int shown = 0;
            foreach (char c in value)
            {
                if (shown >= maxLength)
                {
                    text.Append("…(").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(" characters)");
                    break;
                }

                AppendEscaped(text, c);
                shown++;
            }

            return text.ToString();
        }

        /// <summary>The value escaped and in single quotes, as messages name a user or a value.</summary>
        public static string Quote(string? value, int maxLength = DefaultMaxLength) => "'" + Escape(value, maxLength) + "'";

        /// <summary>True when the character would be acted on by a terminal, or reorders the text around it.</summary>
        public static bool IsUnsafe(char c)
        {
            if (char.IsControl(c))
            {
                return true;
            }

            switch (c)
            {
                case '\u061C': // Arabic letter mark
                case '\u200E': // left-to-right mark
                case '\u200F': // right-to-left mark
                case '\u2028': // line separator
                case '\u2029': // paragraph separator
                    return true;
            }

            // Embeddings and overrides (U+202A-U+202E) and isolates (U+2066-U+2069): "Trojan source" reordering.
            return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
        }

        private static bool NeedsEscape(string value)
        {
            foreach (char c in value)
            {
                if (IsUnsafe(c))
                {
                    return true;
                }
            }

            return false;
        }

        private static void AppendEscaped(StringBuilder text, char c)
        {
            if (!IsUnsafe(c))
            {
                text.Append(c);
                return;
            }

            switch (c)
            {
                case '\t':
                    text.Append("\\t");
                    return;
                case '\n':
                    text.Append("\\n");
                    return;
                case '\r':
                    text.Append("\\r");
                    return;
                case '\u001B':
                    text.Append("\\e");
                    return;
                default:
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    return;
            }
        }
    }
}
