using System.Management.Automation;
using System.Text.RegularExpressions;
using CognitoClerk.Emulators;
using CognitoClerk.HelpGen;
using CognitoClerk.HelpGen.Markdown;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// docs/ is the source of the shipped help: one doc per cmdlet and no orphan, the module page in step,
/// and the files in out/CognitoClerk/en-US exactly what the generator makes of docs/ today.
/// </summary>
public sealed class HelpDocsTests
{
    private static string DocsDirectory => Path.Combine(RepositoryPaths.Root, "docs");

    private static string ShippedHelpDirectory => Path.Combine(Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!, "en-US");

    [Fact]
    public void Every_exported_cmdlet_has_a_doc_and_every_cmdlet_doc_an_exported_cmdlet()
    {
        using var host = new ModuleHost();
        var cmdlets = ModuleCmdlets.Exported(host).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var docs = HelpGenerator.FromDirectory(DocsDirectory).Commands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

        Assert.True(cmdlets.SetEquals(docs),
            $"Cmdlets without docs/<Cmdlet>.md: {string.Join(", ", cmdlets.Except(docs))}; docs for no exported cmdlet: {string.Join(", ", docs.Except(cmdlets))}.");
    }

    [Fact]
    public void The_shipped_help_is_what_the_generator_makes_of_the_current_docs()
    {
        IReadOnlyDictionary<string, string> expected = HelpGenerator.FromDirectory(DocsDirectory).Render();

        foreach ((string name, string content) in expected)
        {
            string shipped = Path.Combine(ShippedHelpDirectory, name);
            Assert.True(File.Exists(shipped), $"{shipped} is missing: build the solution (dotnet build CognitoClerk.PowerShell.sln -c Release).");
            Assert.True(content == File.ReadAllText(shipped), $"{shipped} is older than docs/: build the solution to regenerate it.");
        }

        var stale = Directory.EnumerateFiles(ShippedHelpDirectory)
            .Select(Path.GetFileName)
            .Where(name => !expected.ContainsKey(name!))
            .ToList();
        Assert.True(stale.Count == 0, $"Help files in {ShippedHelpDirectory} that docs/ no longer produces: {string.Join(", ", stale)}.");
    }

    [Fact]
    public void The_module_page_matches_the_manifest_and_lists_every_cmdlet_with_its_synopsis()
    {
        using var host = new ModuleHost();
        string page = File.ReadAllText(Path.Combine(DocsDirectory, "CognitoClerk.md"));
        string guid = host.Invoke("(Get-Module CognitoClerk).Guid.ToString()").Single().ToString();

        Assert.Matches(new Regex("^Module Guid: " + guid + "$", RegexOptions.Multiline), page);
        Assert.Contains("# CognitoClerk Module", page, StringComparison.Ordinal);
        var synopses = HelpGenerator.FromDirectory(DocsDirectory).Commands.ToDictionary(c => c.Name, c => string.Join(" ", c.Synopsis));
        var problems = new List<string>();
        foreach (CmdletInfo cmdlet in ModuleCmdlets.Exported(host))
        {
            Match entry = Regex.Match(page, @"^### \[" + Regex.Escape(cmdlet.Name) + @"\]\(" + Regex.Escape(cmdlet.Name) + @"\.md\)\s*\n+(?<synopsis>[^#\s].*)$", RegexOptions.Multiline);
            string expected = synopses.GetValueOrDefault(cmdlet.Name, "(docs/" + cmdlet.Name + ".md's SYNOPSIS)");
            if (!entry.Success || entry.Groups["synopsis"].Value.Trim() != expected)
            {
                // As platyPS's Update-MarkdownHelpModule -RefreshModulePage keeps it: each entry carries the doc's synopsis.
                problems.Add($"docs/CognitoClerk.md needs:\n### [{cmdlet.Name}]({cmdlet.Name}.md)\n{expected}\n");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void A_doc_that_breaks_the_schema_fails_the_build_with_its_file_and_line()
    {
        string directory = Directory.CreateTempSubdirectory("cognitoclerk-helpgen-").FullName;
        try
        {
            string valid = File.ReadAllText(Directory.EnumerateFiles(DocsDirectory, "*-*.md").First(p => CommandHelpParser.IsCommandDoc(File.ReadAllText(p))));
            string name = Regex.Match(valid, @"^# (\S+)", RegexOptions.Multiline).Groups[1].Value;
            string[] lines = valid.Replace("\r\n", "\n").Split('\n');
            int pipelineLine = Array.FindIndex(lines, l => l.StartsWith("Accept pipeline input:", StringComparison.Ordinal));
            Assert.True(pipelineLine > 0, "the sample doc has a parameter yaml block");
            string broken = string.Join("\n", lines.Where((_, i) => i != pipelineLine));
            File.WriteAllText(Path.Combine(directory, name + ".md"), broken);

            var error = Assert.Throws<HelpDocumentException>(() => HelpGenerator.FromDirectory(directory));

            Assert.EndsWith(name + ".md", error.Path, StringComparison.Ordinal);
            Assert.Contains("Accept pipeline input", error.Reason, StringComparison.Ordinal);
            Assert.True(error.Line < pipelineLine + 1 && error.Line > 1, $"error line {error.Line} should point at the yaml block that lost line {pipelineLine + 1}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
