namespace CognitoClerk.HelpGen.Model;

/// <summary>One "### Type" under INPUTS or OUTPUTS, with its explanation.</summary>
public sealed class TypeHelp
{
    public required string TypeName { get; init; }

    public required IReadOnlyList<string> Description { get; init; }
}
