using System.Text.RegularExpressions;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>Keeps a cmdlet's docs/&lt;Name&gt;.md true to the cmdlet: every parameter, with its type, sets, required flag, position and pipeline input.</summary>
public static class HelpMarkdown
{
    public static void AssertDocumentsParameters(ModuleHost host, string cmdlet)
    {
        string markdown = File.ReadAllText(Path.Combine(CognitoClerk.Emulators.RepositoryPaths.Root, "docs", cmdlet + ".md"));
        string[] documented = Regex
            .Matches(markdown, @"### -(\w+)\s.*?```yaml\s*\nType: (\S+)\s*\nParameter Sets: ([^\n]+)\n.*?Required: (\w+)\s*\nPosition: (\S+).*?Accept pipeline input: ([^\n]+)", RegexOptions.Singleline)
            .Select(m => $"{m.Groups[1].Value}|{m.Groups[2].Value}|{m.Groups[3].Value.Trim()}|{m.Groups[4].Value}|{m.Groups[5].Value}|{m.Groups[6].Value.Trim()}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();

        string[] actual = host.Invoke(
            """
            param($name)
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters
            (Get-Command $name).Parameters.Values | Where-Object { $_.Name -notin $common } | ForEach-Object {
                $sets = $_.ParameterSets
                [string[]] $keys = $sets.Keys
                [Array]::Sort($keys, [StringComparer]::Ordinal)
                $setNames = if ($sets.ContainsKey('__AllParameterSets')) { '(All)' } else { $keys -join ', ' }
                $p = @($sets.Values)[0]
                $pipeline = if ($p.ValueFromPipeline -and $p.ValueFromPipelineByPropertyName) { 'True (ByPropertyName, ByValue)' }
                    elseif ($p.ValueFromPipeline) { 'True (ByValue)' }
                    elseif ($p.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' }
                    else { 'False' }
                $position = if ($p.Position -ge 0) { [string]$p.Position } else { 'Named' }
                '{0}|{1}|{2}|{3}|{4}|{5}' -f $_.Name, $_.ParameterType.Name, $setNames, $p.IsMandatory, $position, $pipeline
            }
            """.Replace("param($name)", "$name = '" + cmdlet + "'"))
            .Select(o => (string)o.BaseObject)
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(actual, documented);
    }
}
