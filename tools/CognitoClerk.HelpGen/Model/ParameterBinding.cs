namespace CognitoClerk.HelpGen.Model;

/// <summary>One ```yaml block under a parameter: how it binds in the sets it names.</summary>
public sealed class ParameterBinding
{
    public const string AllSets = "(All)";

    public required int Line { get; init; }

    /// <summary>The type name as written ("String", "SwitchParameter", "CognitoMigrationUser").</summary>
    public required string Type { get; init; }

    /// <summary>Set names, or the single entry "(All)".</summary>
    public required IReadOnlyList<string> ParameterSets { get; init; }

    public required IReadOnlyList<string> Aliases { get; init; }

    /// <summary>"Accepted values" (ValidateSet or enum names), empty when the doc lists none.</summary>
    public required IReadOnlyList<string> AcceptedValues { get; init; }

    public required bool Required { get; init; }

    /// <summary>Null for "Named", else the 0-based position.</summary>
    public required int? Position { get; init; }

    public required string DefaultValue { get; init; }

    public required bool ByValue { get; init; }

    public required bool ByPropertyName { get; init; }

    public required bool AcceptsWildcards { get; init; }

    public bool AppliesToAllSets => ParameterSets.Count == 1 && ParameterSets[0] == AllSets;

    public bool IsSwitch => string.Equals(Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text Get-Help shows, in platyPS's spelling.</summary>
    public string PipelineInputText => (ByValue, ByPropertyName) switch
    {
        (true, true) => "True (ByPropertyName, ByValue)",
        (true, false) => "True (ByValue)",
        (false, true) => "True (ByPropertyName)",
        _ => "False",
    };
}
