using CognitoClerk.HelpGen.Markdown;
using CognitoClerk.HelpGen.Model;
using CognitoClerk.HelpGen.Rendering;

namespace CognitoClerk.HelpGen;

/// <summary>
/// Everything the module's en-US folder holds, computed from docs/. Shared by the build step (Program)
/// and the test that checks the shipped files are up to date, so both use exactly the same rules.
/// </summary>
public sealed class HelpGenerator
{
    public const string MamlFileName = "CognitoClerk.dll-Help.xml";

    private HelpGenerator(IReadOnlyList<CommandHelp> commands, IReadOnlyList<AboutTopic> topics)
    {
        Commands = commands;
        AboutTopics = topics;
    }

    public IReadOnlyList<CommandHelp> Commands { get; }

    public IReadOnlyList<AboutTopic> AboutTopics { get; }

    /// <summary>
    /// Reads every cmdlet doc (front matter with "external help file") and every about_*.md. Other markdown
    /// in docs/ (the module page, performance notes) is not help and is left alone, as New-ExternalHelp would.
    /// </summary>
    public static HelpGenerator FromDirectory(string docsDirectory)
    {
        var commands = new List<CommandHelp>();
        var topics = new List<AboutTopic>();
        foreach (string path in Directory.EnumerateFiles(docsDirectory, "*.md").Order(StringComparer.Ordinal))
        {
            string text = File.ReadAllText(path);
            string name = Path.GetFileNameWithoutExtension(path);
            if (name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            {
                topics.Add(new AboutTopic { Name = name, SourcePath = path, Markdown = text });
            }
            else if (CommandHelpParser.IsCommandDoc(text))
            {
                CommandHelp command = CommandHelpParser.Parse(path, text);
                if (!string.Equals(command.ExternalHelpFile, MamlFileName, StringComparison.OrdinalIgnoreCase))
                {
                    throw new HelpDocumentException(path, 1, $"external help file is '{command.ExternalHelpFile}', but the module's cmdlets live in {MamlFileName}");
                }

                commands.Add(command);
            }
        }

        return new HelpGenerator(commands, topics);
    }

    /// <summary>File name (in en-US/) to content.</summary>
    public IReadOnlyDictionary<string, string> Render()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [MamlFileName] = MamlWriter.Write(Commands),
        };

        foreach (AboutTopic topic in AboutTopics)
        {
            files[topic.Name + ".help.txt"] = AboutTopicRenderer.Render(topic);
        }

        return files;
    }
}
