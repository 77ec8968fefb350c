namespace CognitoClerk.HelpGen.Model;

/// <summary>One "### Example" of a cmdlet doc: its code blocks and the text around them.</summary>
public sealed class HelpExample
{
    public required string Title { get; init; }

    /// <summary>The fenced code blocks, in order, each without its fences.</summary>
    public required IReadOnlyList<string> Code { get; init; }

    public required IReadOnlyList<string> Remarks { get; init; }
}
