namespace CognitoClerk.HelpGen.Markdown;

/// <summary>A line of a doc with its 1-based number (for error messages) and whether it sits inside a code fence.</summary>
public readonly record struct SourceLine(int Number, string Text, bool InFence)
{
    public bool IsFence => Text.TrimStart().StartsWith("```", StringComparison.Ordinal);

    public bool IsBlank => !InFence && string.IsNullOrWhiteSpace(Text);

    /// <summary>A markdown heading of exactly this level outside code, e.g. level 2 for "## SYNOPSIS".</summary>
    public bool IsHeading(int level) =>
        !InFence && !IsFence && Text.StartsWith(new string('#', level) + " ", StringComparison.Ordinal);

    public string HeadingText(int level) => Text[(level + 1)..].Trim();

    /// <summary>Splits a document into lines, marking fence contents so headings inside code are not sections.</summary>
    public static List<SourceLine> Split(string text, int firstNumber = 1)
    {
        var lines = new List<SourceLine>();
        bool inFence = false;
        string[] raw = text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        for (int i = 0; i < raw.Length; i++)
        {
            var line = new SourceLine(firstNumber + i, raw[i], inFence);
            if (line.IsFence)
            {
                // The fence line itself is reported as outside (opening) or inside (closing) the block.
                inFence = !inFence;
                line = line with { InFence = !inFence };
            }

            lines.Add(line);
        }

        return lines;
    }
}
