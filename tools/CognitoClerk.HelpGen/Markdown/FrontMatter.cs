namespace CognitoClerk.HelpGen.Markdown;

/// <summary>The "---" delimited key: value header platyPS writes at the top of every doc.</summary>
public sealed class FrontMatter
{
    private readonly Dictionary<string, string> _values;

    private FrontMatter(Dictionary<string, string> values, int bodyStart)
    {
        _values = values;
        BodyStart = bodyStart;
    }

    /// <summary>Index (0-based) of the first line after the closing "---".</summary>
    public int BodyStart { get; }

    public string? this[string key] =>
        _values.TryGetValue(key, out string? value) && value.Length > 0 ? value : null;

    public bool Contains(string key) => _values.ContainsKey(key);

    public static FrontMatter Read(string path, IReadOnlyList<SourceLine> lines)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (lines.Count == 0 || lines[0].Text.Trim() != "---")
        {
            return new FrontMatter(values, 0);
        }

        for (int i = 1; i < lines.Count; i++)
        {
            string text = lines[i].Text.Trim();
            if (text == "---")
            {
                return new FrontMatter(values, i + 1);
            }

            if (text.Length == 0)
            {
                continue;
            }

            int colon = text.IndexOf(':');
            if (colon <= 0)
            {
                throw new HelpDocumentException(path, lines[i].Number, $"front matter line is not 'key: value': {text}");
            }

            values[text[..colon].Trim()] = text[(colon + 1)..].Trim();
        }

        throw new HelpDocumentException(path, lines[0].Number, "front matter has no closing '---'");
    }
}
