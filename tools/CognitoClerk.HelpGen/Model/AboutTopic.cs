namespace CognitoClerk.HelpGen.Model;

/// <summary>An about_*.md conceptual topic, rendered to about_*.help.txt.</summary>
public sealed class AboutTopic
{
    public required string Name { get; init; }

    public required string SourcePath { get; init; }

    public required string Markdown { get; init; }
}
