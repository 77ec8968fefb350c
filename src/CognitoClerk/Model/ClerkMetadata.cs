using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Text;

namespace CognitoClerk
{
    /// <summary>
    /// Clerk metadata (private_metadata): a hashtable to scripts, ConvertTo-Json, Export-Clixml and the Clerk API,
    /// and compact JSON as text, so Export-Csv, string interpolation and a JSON deeper than -Depth show
    /// {"cognito":{"user_pool_id":"...","username":"..."}} rather than System.Collections.Hashtable.
    /// </summary>
    public sealed class ClerkMetadata : Hashtable
    {
        public ClerkMetadata()
            : base(StringComparer.Ordinal)
        {
        }

        public ClerkMetadata(IDictionary values)
            : this()
        {
            foreach (DictionaryEntry entry in values)
            {
                this[entry.Key] = entry.Value is IDictionary nested && !(entry.Value is ClerkMetadata) ? new ClerkMetadata(nested) : entry.Value;
            }
        }

        /// <summary>Keys in ordinal order, so the same metadata always reads the same.</summary>
        public override string ToString()
        {
            var text = new StringBuilder();
            Write(text, this);
            return text.ToString();
        }

        private static void Write(StringBuilder text, object? value)
        {
            switch (value)
            {
                case null:
                    text.Append("null");
                    break;
                case string s:
                    WriteString(text, s);
                    break;
                case bool b:
                    text.Append(b ? "true" : "false");
                    break;
                case IDictionary dictionary:
                    text.Append('{');
                    bool first = true;
                    foreach (object key in dictionary.Keys.Cast<object>().OrderBy(k => k.ToString(), StringComparer.Ordinal))
                    {
                        text.Append(first ? string.Empty : ",");
                        first = false;
                        WriteString(text, key.ToString() ?? string.Empty);
                        text.Append(':');
                        Write(text, dictionary[key]);
                    }

                    text.Append('}');
                    break;
                case IEnumerable list:
                    text.Append('[');
                    bool firstItem = true;
                    foreach (object? item in list)
                    {
                        text.Append(firstItem ? string.Empty : ",");
                        firstItem = false;
                        Write(text, item);
                    }

                    text.Append(']');
                    break;
                case IFormattable number when value is int || value is long || value is double || value is decimal || value is float || value is short || value is byte:
                    text.Append(number.ToString(null, CultureInfo.InvariantCulture));
                    break;
                default:
                    WriteString(text, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
            }
        }

        private static void WriteString(StringBuilder text, string value)
        {
            text.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            text.Append(c);
                        }

                        break;
                }
            }

            text.Append('"');
        }
    }
}
