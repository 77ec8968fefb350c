using System.Text;
using System.Text.RegularExpressions;
using CognitoClerk.HelpGen.Markdown;
using CognitoClerk.HelpGen.Model;

namespace CognitoClerk.HelpGen.Rendering;

/// <summary>
/// about_*.md to the plain text Get-Help prints for a conceptual topic, in the layout of PowerShell's own
/// about_ files: section headings in capitals at the margin, text indented four spaces and wrapped at 80
/// columns, code blocks indented eight and never wrapped (a wrapped command line could not be pasted).
/// </summary>
public static partial class AboutTopicRenderer
{
    private const int Width = 80;
    private const string TextIndent = "    ";
    private const string CodeIndent = "        ";

    public static string Render(AboutTopic topic)
    {
        List<SourceLine> lines = SourceLine.Split(topic.Markdown);
        FrontMatter front = FrontMatter.Read(topic.SourcePath, lines);
        var output = new StringBuilder();
        var paragraph = new StringBuilder();
        bool inCode = false;
        bool sawTitle = false;

        void FlushParagraph()
        {
            if (paragraph.Length == 0)
            {
                return;
            }

            string text = ParagraphBuilder.Inline(paragraph.ToString());
            Match item = ListItem().Match(text);
            if (item.Success)
            {
                // Hanging indent: continuation lines align with the text after the bullet.
                string hang = TextIndent + new string(' ', item.Length);
                Wrap(output, text[item.Length..], TextIndent + item.Value, hang);
            }
            else
            {
                Wrap(output, text, TextIndent, TextIndent);
            }

            output.Append('\n');
            paragraph.Clear();
        }

        foreach (SourceLine line in lines.Skip(front.BodyStart))
        {
            if (line.IsFence)
            {
                FlushParagraph();
                inCode = !inCode;
                if (!inCode)
                {
                    output.Append('\n');
                }

                continue;
            }

            if (inCode)
            {
                output.Append(line.Text.Length == 0 ? string.Empty : CodeIndent + line.Text.TrimEnd()).Append('\n');
                continue;
            }

            string text = line.Text.Trim();
            if (line.IsHeading(1))
            {
                FlushParagraph();
                sawTitle = true;
                output.Append("TOPIC\n").Append(TextIndent).Append(line.HeadingText(1).ToLowerInvariant()).Append("\n\n");
            }
            else if (line.IsHeading(2))
            {
                FlushParagraph();
                output.Append(line.HeadingText(2).ToUpperInvariant()).Append('\n');
            }
            else if (line.IsHeading(3) || line.IsHeading(4))
            {
                FlushParagraph();
                string heading = line.IsHeading(3) ? line.HeadingText(3) : line.HeadingText(4);
                output.Append("  ").Append(ParagraphBuilder.Inline(heading)).Append("\n\n");
            }
            else if (text.Length == 0)
            {
                FlushParagraph();
            }
            else if (text.StartsWith('|'))
            {
                // Tables are kept as written; they are already laid out in columns.
                FlushParagraph();
                output.Append(TextIndent).Append(text).Append('\n');
            }
            else
            {
                if (ListItem().IsMatch(text))
                {
                    FlushParagraph();
                }

                if (paragraph.Length > 0)
                {
                    paragraph.Append(' ');
                }

                paragraph.Append(text);
            }
        }

        FlushParagraph();
        if (!sawTitle)
        {
            throw new HelpDocumentException(topic.SourcePath, 1, $"an about topic starts with '# {topic.Name}'");
        }

        return output.ToString().TrimEnd('\n') + "\n";
    }

    private static void Wrap(StringBuilder output, string text, string firstIndent, string indent)
    {
        string prefix = firstIndent;
        var line = new StringBuilder();
        foreach (string word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && prefix.Length + line.Length + 1 + word.Length > Width)
            {
                output.Append(prefix).Append(line).Append('\n');
                line.Clear();
                prefix = indent;
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (line.Length > 0)
        {
            output.Append(prefix).Append(line).Append('\n');
        }
    }

    [GeneratedRegex(@"^([-*+]|\d+\.)\s+")]
    private static partial Regex ListItem();
}
