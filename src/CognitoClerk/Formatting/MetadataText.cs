using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace CognitoClerk.Formatting
{
    /// <summary>
    /// Clerk metadata (public, private or unsafe) for the digest's list view: one "path=value" line per leaf
    /// ("cognito.username=alice", "cognito_groups=admins editors"), keys in ordinal order, each line wrapped to the
    /// column. Nested tables would otherwise print as System.Collections.Hashtable. One renderer for all three
    /// metadata fields, so the format file does not carry three copies of the same script. Public only because
    /// format files can call nothing else.
    /// </summary>
    public static class MetadataText
    {
        public static string Lines(object? metadata, int width)
        {
            object? value = metadata is PSObject wrapped ? wrapped.BaseObject : metadata;
            if (value == null)
            {
                return string.Empty;
            }

            var lines = new List<string>();
            if (AsTable(value) is { } table)
            {
                Flatten(string.Empty, table, width, lines);
            }
            else
            {
                lines.Add(ColumnText.Wrap(value.ToString(), width));
            }

            return string.Join("\n", lines);
        }

        private static void Flatten(string prefix, IDictionary table, int width, List<string> lines)
        {
            foreach (string key in table.Keys.Cast<object>().Select(k => k.ToString() ?? string.Empty).OrderBy(k => k, StringComparer.Ordinal))
            {
                object? value = table[key] is PSObject wrapped ? wrapped.BaseObject : table[key];
                string path = prefix.Length == 0 ? key : prefix + "." + key;
                if (AsTable(value) is { } nested)
                {
                    Flatten(path, nested, width, lines);
                }
                else
                {
                    lines.Add(ColumnText.Wrap(path + "=" + Text(value), width));
                }
            }
        }

        /// <summary>A hashtable as it is, or a PSCustomObject (ConvertFrom-Json) as its properties.</summary>
        private static IDictionary? AsTable(object? value)
        {
            if (value is IDictionary table)
            {
                return table;
            }

            if (value is PSCustomObject || (value is PSObject custom && custom.BaseObject is PSCustomObject))
            {
                var properties = new Hashtable(StringComparer.Ordinal);
                foreach (PSPropertyInfo property in PSObject.AsPSObject(value).Properties)
                {
                    properties[property.Name] = property.Value;
                }

                return properties;
            }

            return null;
        }

        private static string Text(object? value) =>
            value is IEnumerable list && !(value is string)
                ? string.Join(" ", list.Cast<object?>().Select(item => item?.ToString() ?? string.Empty))
                : value?.ToString() ?? string.Empty;
    }
}
