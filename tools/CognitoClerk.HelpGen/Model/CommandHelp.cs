namespace CognitoClerk.HelpGen.Model;

/// <summary>One cmdlet's help as written in docs/&lt;Cmdlet&gt;.md (platyPS 0.14 schema 2.0.0).</summary>
public sealed class CommandHelp
{
    public required string Name { get; init; }

    public required string SourcePath { get; init; }

    /// <summary>Front matter "external help file": which MAML file the command belongs to.</summary>
    public required string ExternalHelpFile { get; init; }

    /// <summary>Front matter "online version": the URL Get-Help -Online opens, if any.</summary>
    public string? OnlineVersion { get; init; }

    public required IReadOnlyList<string> Synopsis { get; init; }

    public required IReadOnlyList<string> Description { get; init; }

    /// <summary>Parameter-set names from the SYNTAX headings, default set first; empty for a single unnamed set.</summary>
    public required IReadOnlyList<string> ParameterSets { get; init; }

    public required IReadOnlyList<HelpExample> Examples { get; init; }

    public required IReadOnlyList<ParameterHelp> Parameters { get; init; }

    public required IReadOnlyList<TypeHelp> Inputs { get; init; }

    public required IReadOnlyList<TypeHelp> Outputs { get; init; }

    public required IReadOnlyList<string> Notes { get; init; }

    public required IReadOnlyList<RelatedLink> RelatedLinks { get; init; }

    public string Verb => Name.Contains('-') ? Name[..Name.IndexOf('-')] : Name;

    public string Noun => Name.Contains('-') ? Name[(Name.IndexOf('-') + 1)..] : string.Empty;
}
