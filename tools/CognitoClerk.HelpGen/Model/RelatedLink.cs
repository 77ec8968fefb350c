namespace CognitoClerk.HelpGen.Model;

/// <summary>A RELATED LINKS entry. Relative targets (another doc) have no URI in MAML, as in platyPS.</summary>
public sealed class RelatedLink
{
    public required string Text { get; init; }

    public string? Uri { get; init; }
}
