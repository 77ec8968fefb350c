namespace CognitoClerk.HelpGen.Model;

/// <summary>One "### -Name" of a cmdlet doc: its description and one metadata block per group of parameter sets.</summary>
public sealed class ParameterHelp
{
    public required string Name { get; init; }

    public required IReadOnlyList<string> Description { get; init; }

    /// <summary>More than one when the parameter binds differently in different sets (platyPS writes one yaml block each).</summary>
    public required IReadOnlyList<ParameterBinding> Bindings { get; init; }

    /// <summary>
    /// What Get-Help -Parameter shows, which has room for one answer across all sets: required only if
    /// required in every set, pipeline input if accepted in any. The syntax shows each set exactly.
    /// </summary>
    public ParameterBinding Summary()
    {
        ParameterBinding first = Bindings[0];
        return new ParameterBinding
        {
            Line = first.Line,
            Type = first.Type,
            ParameterSets = Bindings.SelectMany(b => b.ParameterSets).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Aliases = first.Aliases,
            AcceptedValues = first.AcceptedValues,
            Required = Bindings.All(b => b.Required),
            Position = first.Position,
            DefaultValue = first.DefaultValue,
            ByValue = Bindings.Any(b => b.ByValue),
            ByPropertyName = Bindings.Any(b => b.ByPropertyName),
            AcceptsWildcards = Bindings.Any(b => b.AcceptsWildcards),
        };
    }

    /// <summary>The binding that applies in <paramref name="parameterSet"/>, or null when the parameter is not in that set.</summary>
    public ParameterBinding? BindingFor(string parameterSet) =>
        Bindings.FirstOrDefault(b => b.ParameterSets.Contains(parameterSet, StringComparer.OrdinalIgnoreCase))
        ?? Bindings.FirstOrDefault(b => b.AppliesToAllSets);
}
