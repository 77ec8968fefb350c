using System.Collections;
using System.Management.Automation.Language;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Every script and data file in the repository must parse, including the ones no test runs (build.ps1's
/// Docs task, which needs platyPS). The engine's own parser (the one pwsh uses) checks them all.
/// </summary>
public sealed class ScriptParseTests
{
    private static readonly string[] SkippedFolders = [".git", "bin", "obj", "out", "node_modules", "TestResults", "artifacts"];

    [Fact]
    public void Every_PowerShell_file_in_the_repository_parses()
    {
        List<string> files = PowerShellFiles().ToList();
        Assert.Contains(files, f => Path.GetFileName(f) == "build.ps1");
        Assert.Contains(files, f => Path.GetFileName(f) == "CognitoClerk.psd1");
        Assert.Contains(files, f => f.EndsWith(".Tests.ps1", StringComparison.Ordinal));

        var problems = new List<string>();
        foreach (string file in files)
        {
            Parser.ParseFile(file, out _, out ParseError[] errors);
            problems.AddRange(errors.Select(e => $"{Relative(file)}({e.Extent.StartLineNumber},{e.Extent.StartColumnNumber}): {e.ErrorId}: {e.Message}"));
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_psd1_is_a_data_file_PowerShell_can_read_without_running_code()
    {
        var problems = new List<string>();
        foreach (string file in PowerShellFiles().Where(f => f.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase)))
        {
            ScriptBlockAst ast = Parser.ParseFile(file, out _, out _);
            try
            {
                // SafeGetValue refuses anything but constants, arrays and hashtables, as Import-PowerShellDataFile does.
                var table = ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)?.SafeGetValue();
                if (table is not Hashtable)
                {
                    problems.Add($"{Relative(file)}: no top-level hashtable");
                }
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{Relative(file)}: not a data file: {ex.Message}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static IEnumerable<string> PowerShellFiles()
    {
        var pending = new Stack<string>([RepositoryPaths.Root]);
        while (pending.Count > 0)
        {
            string directory = pending.Pop();
            foreach (string sub in Directory.EnumerateDirectories(directory))
            {
                if (!SkippedFolders.Contains(Path.GetFileName(sub), StringComparer.OrdinalIgnoreCase))
                {
                    pending.Push(sub);
                }
            }

            foreach (string file in Directory.EnumerateFiles(directory))
            {
                string extension = Path.GetExtension(file);
                if (extension is ".ps1" or ".psm1" or ".psd1")
                {
                    yield return file;
                }
            }
        }
    }

    private static string Relative(string path) => Path.GetRelativePath(RepositoryPaths.Root, path);
}
