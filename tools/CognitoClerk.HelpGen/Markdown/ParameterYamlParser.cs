using CognitoClerk.HelpGen.Model;

namespace CognitoClerk.HelpGen.Markdown;

/// <summary>
/// The ```yaml block under a parameter. platyPS writes a fixed set of keys; all of them are required here
/// so a doc cannot silently omit, say, the pipeline input, and an unknown key (a typo) is an error.
/// </summary>
public static class ParameterYamlParser
{
    private const string TypeKey = "Type";
    private const string SetsKey = "Parameter Sets";
    private const string AliasesKey = "Aliases";
    private const string AcceptedValuesKey = "Accepted values";
    private const string ApplicableKey = "Applicable";
    private const string RequiredKey = "Required";
    private const string PositionKey = "Position";
    private const string DefaultValueKey = "Default value";
    private const string PipelineKey = "Accept pipeline input";
    private const string WildcardKey = "Accept wildcard characters";

    private static readonly string[] RequiredKeys =
        [TypeKey, SetsKey, AliasesKey, RequiredKey, PositionKey, DefaultValueKey, PipelineKey, WildcardKey];

    private static readonly HashSet<string> KnownKeys = new(RequiredKeys.Append(AcceptedValuesKey).Append(ApplicableKey), StringComparer.Ordinal);

    public static ParameterBinding Parse(string path, string parameter, int fenceLine, IReadOnlyList<SourceLine> body)
    {
        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        foreach (SourceLine line in body)
        {
            string text = line.Text.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            int colon = text.IndexOf(':');
            string key = colon > 0 ? text[..colon].Trim() : text;
            if (colon <= 0 || !KnownKeys.Contains(key))
            {
                throw new HelpDocumentException(path, line.Number,
                    $"-{parameter}: unknown yaml line '{text}' (keys: {string.Join(", ", KnownKeys)}; names are case-sensitive)");
            }

            if (!values.TryAdd(key, (text[(colon + 1)..].Trim(), line.Number)))
            {
                throw new HelpDocumentException(path, line.Number, $"-{parameter}: '{key}' appears twice");
            }
        }

        foreach (string key in RequiredKeys)
        {
            if (!values.ContainsKey(key))
            {
                throw new HelpDocumentException(path, fenceLine, $"-{parameter}: the yaml block has no '{key}:' line");
            }
        }

        string Value(string key) => values[key].Value;
        int LineOf(string key) => values[key].Line;

        if (Value(TypeKey).Length == 0)
        {
            throw new HelpDocumentException(path, LineOf(TypeKey), $"-{parameter}: Type is empty");
        }

        List<string> sets = List(Value(SetsKey));
        if (sets.Count == 0)
        {
            throw new HelpDocumentException(path, LineOf(SetsKey), $"-{parameter}: Parameter Sets is empty (use (All))");
        }

        if (sets.Count > 1 && sets.Contains(ParameterBinding.AllSets))
        {
            throw new HelpDocumentException(path, LineOf(SetsKey), $"-{parameter}: (All) cannot be combined with set names");
        }

        (bool byValue, bool byName) = ParsePipeline(path, parameter, Value(PipelineKey), LineOf(PipelineKey));

        return new ParameterBinding
        {
            Line = fenceLine,
            Type = Value(TypeKey),
            ParameterSets = sets,
            Aliases = List(Value(AliasesKey)),
            AcceptedValues = values.TryGetValue(AcceptedValuesKey, out var accepted) ? List(accepted.Value) : [],
            Required = ParseBoolean(path, parameter, RequiredKey, Value(RequiredKey), LineOf(RequiredKey)),
            Position = ParsePosition(path, parameter, Value(PositionKey), LineOf(PositionKey)),
            DefaultValue = Value(DefaultValueKey),
            ByValue = byValue,
            ByPropertyName = byName,
            AcceptsWildcards = ParseBoolean(path, parameter, WildcardKey, Value(WildcardKey), LineOf(WildcardKey)),
        };
    }

    private static List<string> List(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static bool ParseBoolean(string path, string parameter, string key, string value, int line) => value switch
    {
        "True" or "true" => true,
        "False" or "false" => false,
        _ => throw new HelpDocumentException(path, line, $"-{parameter}: {key} must be True or False, not '{value}'"),
    };

    private static int? ParsePosition(string path, string parameter, string value, int line)
    {
        if (string.Equals(value, "Named", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return int.TryParse(value, out int position) && position >= 0
            ? position
            : throw new HelpDocumentException(path, line, $"-{parameter}: Position must be Named or a 0-based number, not '{value}'");
    }

    private static (bool ByValue, bool ByPropertyName) ParsePipeline(string path, string parameter, string value, int line)
    {
        if (string.Equals(value, "False", StringComparison.OrdinalIgnoreCase))
        {
            return (false, false);
        }

        string[] kinds = value.StartsWith("True (", StringComparison.OrdinalIgnoreCase) && value.EndsWith(')')
            ? value[6..^1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [];
        bool byValue = kinds.Contains("ByValue", StringComparer.Ordinal);
        bool byName = kinds.Contains("ByPropertyName", StringComparer.Ordinal);
        if (kinds.Length == 0 || kinds.Length != (byValue ? 1 : 0) + (byName ? 1 : 0))
        {
            throw new HelpDocumentException(path, line,
                $"-{parameter}: Accept pipeline input must be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue), not '{value}'");
        }

        return (byValue, byName);
    }
}
