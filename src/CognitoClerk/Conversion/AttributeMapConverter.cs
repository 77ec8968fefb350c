using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Errors;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// -AttributeMap (a hashtable of source = 'root.key' pairs) to the engine's <see cref="MetadataAttributeMap"/>,
    /// which decides what is wrong with it. A value that is not text is the one thing only this side can see.
    /// </summary>
    internal static class AttributeMapConverter
    {
        /// <param name="error">A map that cannot apply to any user (AttributeMapInvalid, listing every problem): the caller stops once.</param>
        /// <returns>The map (empty for none); null with <paramref name="error"/> set.</returns>
        internal static MetadataAttributeMap? ToEngine(IDictionary? table, out ErrorRecord? error)
        {
            error = null;
            if (table == null || table.Count == 0)
            {
                return MetadataAttributeMap.Empty;
            }

            var entries = new List<KeyValuePair<string, string?>>();
            var problems = new List<string>();
            foreach (DictionaryEntry entry in table)
            {
                string source = PropertyBag.Unwrap(entry.Key)?.ToString() ?? string.Empty;
                if (PropertyBag.Unwrap(entry.Value) is string target)
                {
                    entries.Add(new KeyValuePair<string, string?>(source, target));
                }
                else
                {
                    object? value = PropertyBag.Unwrap(entry.Value);
                    problems.Add($"The value for '{source}' is {(value == null ? "empty" : "a " + value.GetType().Name)}, not a place such as 'public_metadata.tenant'.");
                }
            }

            try
            {
                MetadataAttributeMap map = MetadataAttributeMap.Parse(entries);
                if (problems.Count == 0)
                {
                    return map;
                }
            }
            catch (AttributeMapException ex)
            {
                problems.Insert(0, ex.Message);
            }

            string message = problems[0].StartsWith("The attribute map", System.StringComparison.Ordinal)
                ? string.Join(" ", problems)
                : "The attribute map cannot be used: " + string.Join(" ", problems);
            error = ErrorRecords.Create(MigrationErrorIds.AttributeMapInvalid, message, table);
            return null;
        }
    }
}
