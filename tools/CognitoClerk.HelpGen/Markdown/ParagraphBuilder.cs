using System.Text;
using System.Text.RegularExpressions;

namespace CognitoClerk.HelpGen.Markdown;

/// <summary>
/// Markdown prose to the paragraphs Get-Help prints. Soft-wrapped lines are joined (Get-Help separates
/// paragraphs with a blank line, so one paragraph per source line would double-space wrapped text);
/// each list item is its own paragraph; a fenced block stays one paragraph with its line breaks.
/// </summary>
public static partial class ParagraphBuilder
{
    public static List<string> Build(IEnumerable<SourceLine> lines)
    {
        var paragraphs = new List<string>();
        var current = new StringBuilder();
        List<string>? code = null;

        void Flush()
        {
            if (current.Length > 0)
            {
                paragraphs.Add(Inline(current.ToString()));
                current.Clear();
            }
        }

        foreach (SourceLine line in lines)
        {
            if (line.IsFence)
            {
                if (code == null)
                {
                    Flush();
                    code = new List<string>();
                }
                else
                {
                    paragraphs.Add(string.Join("\n", code));
                    code = null;
                }

                continue;
            }

            if (code != null)
            {
                code.Add(line.Text.TrimEnd());
                continue;
            }

            string text = line.Text.Trim();
            if (text.Length == 0)
            {
                Flush();
                continue;
            }

            if (ListItem().IsMatch(text))
            {
                Flush();
            }

            if (current.Length > 0)
            {
                current.Append(' ');
            }

            current.Append(text);
        }

        if (code != null)
        {
            paragraphs.Add(string.Join("\n", code));
        }

        Flush();
        return paragraphs;
    }

    /// <summary>Drops markdown emphasis and escapes that would show literally in a console; keeps `code` ticks, which read fine.</summary>
    public static string Inline(string text)
    {
        text = Bold().Replace(text, "$2");
        return Escape().Replace(text, "$1");
    }

    [GeneratedRegex(@"^([-*+]|\d+\.)\s")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"(\*\*|__)(.+?)\1")]
    private static partial Regex Bold();

    [GeneratedRegex(@"\\([\\`*_{}\[\]()<>#+\-.!|])")]
    private static partial Regex Escape();
}
