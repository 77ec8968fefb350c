using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// -AttributeMap (a hashtable of source = 'root.key' pairs) to the engine's <see cref="MetadataAttributeMap"/>.
    /// Whatever cannot apply to any user is one terminating error (AttributeMapInvalid) before the first user.
    /// </summary>
    internal static class AttributeMapConverter
    {
        /// <exception cref="DigestSetupException">The map cannot be used; the record says every reason.</exception>
        internal static MetadataAttributeMap ToEngine(IDictionary? table)
        {
            if (table == null || table.Count == 0)
            {
                return MetadataAttributeMap.Empty;
            }

            var entries = new List<KeyValuePair<string, string?>>();
            var problems = new List<string>();
            foreach (DictionaryEntry entry in table)
            {
                string source = PropertyBag.Unwrap(entry.Key)?.ToString() ?? string.Empty;
                object? value = PropertyBag.Unwrap(entry.Value);
                if (value is string target)
                {
                    entries.Add(new KeyValuePair<string, string?>(source, target));
                }
                else
                {
                    problems.Add($"the value for '{source}' is {(value == null ? "empty" : "a " + value.GetType().Name)}, not a place such as 'public_metadata.tenant'.");
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

            string message = problems.Count == 1 && problems[0].StartsWith("The attribute map", System.StringComparison.Ordinal)
                ? problems[0]
                : "The attribute map cannot be used: " + string.Join(" ", problems);
            var record = new ErrorRecord(new PSArgumentException(message, "AttributeMap"), MigrationErrorIds.AttributeMapInvalid, ErrorCategory.InvalidArgument, table);
            record.ErrorDetails = new ErrorDetails(message)
            {
                RecommendedAction = "Fix -AttributeMap, e.g. @{ 'custom:tenant' = 'public_metadata.tenant'; 'groups' = 'public_metadata.roles' }.",
            };
            throw new DigestSetupException(record);
        }
    }
}
