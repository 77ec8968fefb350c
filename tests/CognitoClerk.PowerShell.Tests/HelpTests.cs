using System.Management.Automation;
using static CognitoClerk.PowerShell.Tests.PSObjectReader;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// What an admin sees with Get-Help, checked for every exported cmdlet against the cmdlet itself (the
/// checks of PSScriptAnalyzer's ModuleHelp.Tests.ps1, through the real engine and the shipped MAML). A
/// cmdlet added without docs/&lt;Cmdlet&gt;.md gets PowerShell's generated help, whose synopsis is the
/// syntax line, and fails here. Each test lists every problem it finds, not only the first.
/// </summary>
public sealed class HelpTests : IDisposable
{
    private readonly ModuleHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public void Every_cmdlet_has_a_written_synopsis_description_and_at_least_two_examples_with_code()
    {
        var problems = new List<string>();
        foreach (CmdletInfo cmdlet in ModuleCmdlets.Exported(_host))
        {
            PSObject help = FullHelp(cmdlet.Name);
            string synopsis = String(help, "Synopsis");
            if (synopsis.Length == 0 || synopsis.Contains("[<CommonParameters>]", StringComparison.Ordinal) || synopsis.StartsWith(cmdlet.Name + " ", StringComparison.Ordinal))
            {
                problems.Add($"{cmdlet.Name}: Get-Help shows no written synopsis (got '{synopsis}'): PowerShell found no MAML for it. Write docs/{cmdlet.Name}.md and build.");
                continue;
            }

            if (Text(help, "description").Length == 0)
            {
                problems.Add($"{cmdlet.Name}: the DESCRIPTION section is empty.");
            }

            List<object> examples = Items(Property(help, "examples"), "example");
            if (examples.Count < 2)
            {
                problems.Add($"{cmdlet.Name}: {examples.Count} example(s); at least 2 are needed.");
            }

            foreach (object example in examples)
            {
                string title = String(example, "title");
                if (String(example, "code").Length == 0)
                {
                    problems.Add($"{cmdlet.Name}: example '{title}' has no code block.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_parameter_is_documented_with_its_type_requiredness_pipeline_input_aliases_and_a_description()
    {
        var problems = new List<string>();
        foreach (CmdletInfo cmdlet in ModuleCmdlets.Exported(_host))
        {
            PSObject help = FullHelp(cmdlet.Name);
            var documented = Items(Property(help, "parameters"), "parameter")
                .GroupBy(p => String(p, "name"), StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            var actual = cmdlet.Parameters.Values.Where(p => ModuleCmdlets.IsDocumented(p.Name)).ToList();

            foreach (ParameterMetadata parameter in actual)
            {
                if (!documented.TryGetValue(parameter.Name, out object? doc))
                {
                    problems.Add($"{cmdlet.Name} -{parameter.Name}: not documented (add '### -{parameter.Name}' with its yaml block to docs/{cmdlet.Name}.md).");
                    continue;
                }

                string type = String(Property(doc, "type"), "name");
                string[] expectedTypes = ModuleCmdlets.TypeNames(parameter.ParameterType);
                if (!expectedTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{cmdlet.Name} -{parameter.Name}: documented Type '{type}', the cmdlet's is '{expectedTypes[0]}'.");
                }

                if (Text(doc, "description").Length == 0)
                {
                    problems.Add($"{cmdlet.Name} -{parameter.Name}: no description.");
                }

                // Get-Help -Parameter has one answer for all sets: required only if required in every set.
                bool required = parameter.ParameterSets.Values.All(s => s.IsMandatory);
                string documentedRequired = String(doc, "required");
                if (!string.Equals(documentedRequired, required ? "true" : "false", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{cmdlet.Name} -{parameter.Name}: documented Required '{documentedRequired}', the cmdlet's is {required}.");
                }

                string pipeline = ModuleCmdlets.PipelineInput(
                    parameter.ParameterSets.Values.Any(s => s.ValueFromPipeline),
                    parameter.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName));
                string documentedPipeline = String(doc, "pipelineInput");
                if (!string.Equals(documentedPipeline, pipeline, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{cmdlet.Name} -{parameter.Name}: documented 'Accept pipeline input: {documentedPipeline}', the cmdlet's is '{pipeline}'.");
                }

                string aliasText = String(doc, "aliases");
                var documentedAliases = aliasText.Length == 0 || aliasText.Equals("none", StringComparison.OrdinalIgnoreCase)
                    ? new HashSet<string>(StringComparer.OrdinalIgnoreCase)
                    : aliasText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
                if (!documentedAliases.SetEquals(parameter.Aliases))
                {
                    problems.Add($"{cmdlet.Name} -{parameter.Name}: documented Aliases '{aliasText}', the cmdlet's are '{string.Join(", ", parameter.Aliases)}'.");
                }
            }

            foreach (string name in documented.Keys.Where(n => !actual.Any(p => string.Equals(p.Name, n, StringComparison.OrdinalIgnoreCase))))
            {
                problems.Add($"{cmdlet.Name} -{name}: documented, but the cmdlet has no such parameter.");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_help_syntax_has_each_parameter_set_with_the_right_required_position_and_pipeline_input()
    {
        var problems = new List<string>();
        foreach (CmdletInfo cmdlet in ModuleCmdlets.Exported(_host))
        {
            PSObject help = FullHelp(cmdlet.Name);
            var helpSets = Items(Property(help, "syntax"), "syntaxItem")
                .Select(item => Items(item, "parameter")
                    .GroupBy(p => String(p, "name"), StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase))
                .ToList();

            if (helpSets.Count != cmdlet.ParameterSets.Count)
            {
                problems.Add($"{cmdlet.Name}: help shows {helpSets.Count} syntax form(s), the cmdlet has {cmdlet.ParameterSets.Count} parameter set(s) " +
                             $"({string.Join(", ", cmdlet.ParameterSets.Select(s => s.Name))}): check 'Parameter Sets:' in the yaml blocks and the '### <Set>' headings under SYNTAX.");
            }

            foreach (CommandParameterSetInfo set in cmdlet.ParameterSets)
            {
                var parameters = set.Parameters.Where(p => ModuleCmdlets.IsDocumented(p.Name)).ToList();
                var names = parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var match = helpSets.FirstOrDefault(h => h.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(names));
                if (match == null)
                {
                    problems.Add($"{cmdlet.Name}: no syntax form in help has exactly the parameters of set '{set.Name}' (-{string.Join(", -", names)}). " +
                                 "Each yaml block's 'Parameter Sets:' must name the sets the parameter is in, or (All).");
                    continue;
                }

                foreach (CommandParameterInfo parameter in parameters)
                {
                    object doc = match[parameter.Name];
                    string where = $"{cmdlet.Name} -{parameter.Name} in set '{set.Name}'";
                    Expect(problems, where, "Required", String(doc, "required"), parameter.IsMandatory ? "true" : "false");
                    Expect(problems, where, "Accept pipeline input", String(doc, "pipelineInput"),
                        ModuleCmdlets.PipelineInput(parameter.ValueFromPipeline, parameter.ValueFromPipelineByPropertyName));
                    Expect(problems, where, "Position", String(doc, "position"),
                        parameter.Position == int.MinValue ? "named" : parameter.Position.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_about_topic_explains_the_pipeline_and_every_environment_variable()
    {
        string topic = string.Join("\n", _host.Invoke("Get-Help about_CognitoClerk").Select(o => o.ToString()));

        Assert.StartsWith("TOPIC", topic.TrimStart(), StringComparison.Ordinal);
        foreach (string expected in new[]
                 {
                     "COGNITO_USER_POOL_ID", "COGNITO_CLIENT_ID", "CLERK_SECRET_KEY", "CLERK_API_URL", "AWS_REGION",
                     "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "AWS_ENDPOINT_URL", "AWS_PROFILE",
                     "Get-CognitoMigrationUser", "ConvertTo-ClerkCognitoDigest", "New-ClerkMigratedUser",
                 })
        {
            Assert.Contains(expected, topic, StringComparison.Ordinal);
        }

        Assert.All(topic.Split('\n'), line => Assert.True(line.Length <= 80 || line.StartsWith("        ", StringComparison.Ordinal),
            $"about_CognitoClerk.help.txt line longer than 80 columns outside a code block: '{line}'"));
    }

    private PSObject FullHelp(string name) => _host.Invoke($"Get-Help '{name}' -Full").Single();

    private static void Expect(List<string> problems, string where, string field, string documented, string actual)
    {
        if (!string.Equals(documented, actual, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{where}: documented {field} '{documented}', the cmdlet's is '{actual}'.");
        }
    }
}
