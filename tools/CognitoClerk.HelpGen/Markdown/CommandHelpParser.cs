using System.Text.RegularExpressions;
using CognitoClerk.HelpGen.Model;

namespace CognitoClerk.HelpGen.Markdown;

/// <summary>
/// Reads a cmdlet doc in platyPS 0.14 markdown (schema 2.0.0). A plain line parser is enough because the
/// schema is fixed: front matter, "# Name", then "##" sections in a known set, each split by "###".
/// Anything outside the schema is an error with its line, so a doc that platyPS would reject fails the
/// build here too instead of producing help with holes.
/// </summary>
public static partial class CommandHelpParser
{
    public const string ExternalHelpFileKey = "external help file";

    private static readonly string[] Sections =
        ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS"];

    /// <summary>Cmdlet docs carry "external help file" in their front matter; module pages and about topics do not.</summary>
    public static bool IsCommandDoc(string text)
    {
        var lines = SourceLine.Split(text);
        return FrontMatter.Read("(probe)", lines).Contains(ExternalHelpFileKey);
    }

    public static CommandHelp Parse(string path, string text)
    {
        List<SourceLine> lines = SourceLine.Split(text);
        FrontMatter front = FrontMatter.Read(path, lines);
        string externalHelpFile = front[ExternalHelpFileKey]
            ?? throw new HelpDocumentException(path, 1, $"front matter has no '{ExternalHelpFileKey}'");

        string schema = front["schema"] ?? "2.0.0";
        if (schema != "2.0.0")
        {
            throw new HelpDocumentException(path, 1, $"schema {schema} is not platyPS 0.14's 2.0.0");
        }

        List<SourceLine> body = lines.Skip(front.BodyStart).ToList();
        int titleIndex = body.FindIndex(l => !l.IsBlank);
        if (titleIndex < 0 || !body[titleIndex].IsHeading(1))
        {
            throw new HelpDocumentException(path, titleIndex < 0 ? lines.Count : body[titleIndex].Number, "expected '# <Cmdlet-Name>' after the front matter");
        }

        string name = body[titleIndex].HeadingText(1);
        string expected = System.IO.Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(name, expected, StringComparison.Ordinal))
        {
            throw new HelpDocumentException(path, body[titleIndex].Number, $"title '{name}' does not match the file name '{expected}'");
        }

        Dictionary<string, Section> sections = SplitSections(path, body.Skip(titleIndex + 1).ToList());

        return new CommandHelp
        {
            Name = name,
            SourcePath = path,
            ExternalHelpFile = externalHelpFile,
            OnlineVersion = front["online version"],
            Synopsis = ParagraphBuilder.Build(sections["SYNOPSIS"].Lines),
            Description = ParagraphBuilder.Build(sections["DESCRIPTION"].Lines),
            ParameterSets = ParseSyntaxSets(path, sections["SYNTAX"]),
            Examples = ParseExamples(path, sections["EXAMPLES"]),
            Parameters = ParseParameters(path, sections["PARAMETERS"]),
            Inputs = ParseTypes(path, sections["INPUTS"]),
            Outputs = ParseTypes(path, sections["OUTPUTS"]),
            Notes = ParagraphBuilder.Build(sections["NOTES"].Lines),
            RelatedLinks = ParseLinks(path, sections["RELATED LINKS"]),
        };
    }

    private sealed record Section(int Line, List<SourceLine> Lines);

    private sealed record Subsection(string Title, int Line, List<SourceLine> Lines);

    private static Dictionary<string, Section> SplitSections(string path, List<SourceLine> lines)
    {
        var sections = new Dictionary<string, Section>(StringComparer.Ordinal);
        Section? current = null;
        foreach (SourceLine line in lines)
        {
            if (line.IsHeading(1))
            {
                throw new HelpDocumentException(path, line.Number, "a cmdlet doc has exactly one '#' title");
            }

            if (line.IsHeading(2))
            {
                string title = line.HeadingText(2);
                if (!Sections.Contains(title, StringComparer.Ordinal))
                {
                    throw new HelpDocumentException(path, line.Number, $"unknown section '## {title}' (platyPS sections: {string.Join(", ", Sections)})");
                }

                current = new Section(line.Number, new List<SourceLine>());
                if (!sections.TryAdd(title, current))
                {
                    throw new HelpDocumentException(path, line.Number, $"section '## {title}' appears twice");
                }

                continue;
            }

            if (current == null)
            {
                if (!line.IsBlank)
                {
                    throw new HelpDocumentException(path, line.Number, "text between the title and '## SYNOPSIS'");
                }

                continue;
            }

            current.Lines.Add(line);
        }

        int lastLine = lines.Count > 0 ? lines[^1].Number : 1;
        foreach (string section in Sections)
        {
            if (!sections.ContainsKey(section))
            {
                throw new HelpDocumentException(path, lastLine, $"missing section '## {section}'");
            }
        }

        return sections;
    }

    /// <summary>Splits a section at its "###" headings; text before the first heading is an error unless blank.</summary>
    private static List<Subsection> SplitSubsections(string path, string section, Section source)
    {
        var result = new List<Subsection>();
        Subsection? current = null;
        foreach (SourceLine line in source.Lines)
        {
            if (line.IsHeading(3))
            {
                current = new Subsection(line.HeadingText(3), line.Number, new List<SourceLine>());
                result.Add(current);
            }
            else if (current != null)
            {
                current.Lines.Add(line);
            }
            else if (!line.IsBlank)
            {
                throw new HelpDocumentException(path, line.Number, $"text in '## {section}' before its first '###' heading");
            }
        }

        return result;
    }

    private static List<string> ParseSyntaxSets(string path, Section syntax)
    {
        var sets = new List<string>();

        // A cmdlet with one parameter set has its syntax block right under "## SYNTAX", no "###" heading.
        if (!syntax.Lines.Any(l => l.IsHeading(3)))
        {
            return sets;
        }

        foreach (Subsection set in SplitSubsections(path, "SYNTAX", syntax))
        {
            Match match = DefaultSet().Match(set.Title);
            if (match.Success)
            {
                sets.Insert(0, match.Groups[1].Value.Trim());
            }
            else
            {
                sets.Add(set.Title);
            }
        }

        return sets;
    }

    private static List<HelpExample> ParseExamples(string path, Section examples)
    {
        var result = new List<HelpExample>();
        foreach (Subsection example in SplitSubsections(path, "EXAMPLES", examples))
        {
            var code = new List<string>();
            var remarks = new List<SourceLine>();
            List<string>? block = null;
            foreach (SourceLine line in example.Lines)
            {
                if (line.IsFence)
                {
                    if (block == null)
                    {
                        block = new List<string>();
                    }
                    else
                    {
                        code.Add(string.Join("\n", block).Trim('\n'));
                        block = null;
                    }
                }
                else if (block != null)
                {
                    block.Add(line.Text.TrimEnd());
                }
                else
                {
                    remarks.Add(line);
                }
            }

            if (block != null)
            {
                throw new HelpDocumentException(path, example.Line, $"example '{example.Title}' has an unclosed code fence");
            }

            result.Add(new HelpExample { Title = example.Title, Code = code, Remarks = ParagraphBuilder.Build(remarks) });
        }

        return result;
    }

    private static List<ParameterHelp> ParseParameters(string path, Section parameters)
    {
        var result = new List<ParameterHelp>();
        foreach (Subsection parameter in SplitSubsections(path, "PARAMETERS", parameters))
        {
            if (parameter.Title == "CommonParameters")
            {
                continue;
            }

            if (!parameter.Title.StartsWith('-') || parameter.Title.Length < 2 || parameter.Title.Contains(' '))
            {
                throw new HelpDocumentException(path, parameter.Line, $"parameter heading must be '### -Name' or '### CommonParameters', not '### {parameter.Title}'");
            }

            string name = parameter.Title[1..];
            if (result.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new HelpDocumentException(path, parameter.Line, $"parameter -{name} is documented twice");
            }

            var description = new List<SourceLine>();
            var bindings = new List<ParameterBinding>();
            List<SourceLine>? yaml = null;
            int yamlLine = 0;
            bool inOtherFence = false;
            foreach (SourceLine line in parameter.Lines)
            {
                if (yaml != null)
                {
                    if (line.IsFence)
                    {
                        bindings.Add(ParameterYamlParser.Parse(path, name, yamlLine, yaml));
                        yaml = null;
                    }
                    else
                    {
                        yaml.Add(line);
                    }
                }
                else if (line.IsFence && !inOtherFence && line.Text.Trim() == "```yaml")
                {
                    yaml = new List<SourceLine>();
                    yamlLine = line.Number;
                }
                else
                {
                    if (line.IsFence)
                    {
                        inOtherFence = !inOtherFence;
                    }

                    description.Add(line);
                }
            }

            if (yaml != null)
            {
                throw new HelpDocumentException(path, yamlLine, $"-{name}: unclosed yaml block");
            }

            if (bindings.Count == 0)
            {
                throw new HelpDocumentException(path, parameter.Line, $"-{name} has no ```yaml block (Type, Parameter Sets, Required, ...)");
            }

            result.Add(new ParameterHelp { Name = name, Description = ParagraphBuilder.Build(description), Bindings = bindings });
        }

        return result;
    }

    private static List<TypeHelp> ParseTypes(string path, Section section) =>
        SplitSubsections(path, "INPUTS/OUTPUTS", section)
            .Select(t => new TypeHelp { TypeName = ParagraphBuilder.Inline(t.Title), Description = ParagraphBuilder.Build(t.Lines) })
            .ToList();

    private static List<RelatedLink> ParseLinks(string path, Section section)
    {
        var links = new List<RelatedLink>();
        foreach (SourceLine line in section.Lines.Where(l => !l.IsBlank))
        {
            Match match = Link().Match(line.Text.Trim());
            if (!match.Success)
            {
                throw new HelpDocumentException(path, line.Number, $"a related link must be '[text](target)', not '{line.Text.Trim()}'");
            }

            string target = match.Groups[2].Value.Trim();
            bool absolute = Uri.TryCreate(target, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
            links.Add(new RelatedLink { Text = match.Groups[1].Value.Trim(), Uri = absolute ? target : null });
        }

        return links;
    }

    [GeneratedRegex(@"^(.+)\(Default\)$")]
    private static partial Regex DefaultSet();

    [GeneratedRegex(@"^(?:[-*]\s+)?\[([^\]]+)\]\(([^)]*)\)$")]
    private static partial Regex Link();
}
