using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// The manifest as the PowerShell Gallery and Install-Module read it (Test-ModuleManifest's checks plus the
/// Gallery's), kept in step with the build (version) and with the cmdlets that really exist.
/// </summary>
public sealed class ManifestTests
{
    private static string SourceManifest => Path.Combine(RepositoryPaths.Root, "CognitoClerk.psd1");

    private static Hashtable ReadManifest(string path)
    {
        ScriptBlockAst ast = Parser.ParseFile(path, out _, out ParseError[] errors);
        Assert.Empty(errors);
        return (Hashtable)ast.Find(a => a is HashtableAst, searchNestedScriptBlocks: false)!.SafeGetValue();
    }

    private static string[] Strings(object? value) => value switch
    {
        null => [],
        string s => [s],
        object[] array => array.Select(o => o?.ToString() ?? string.Empty).ToArray(),
        _ => [value.ToString()!],
    };

    [Fact]
    public void Test_ModuleManifest_accepts_the_built_module()
    {
        using var host = new ModuleHost();
        ScriptRun run = host.Run($"Test-ModuleManifest -Path '{RepositoryPaths.ModuleManifest}'");

        Assert.Null(run.Terminating);
        Assert.True(run.Errors.Count == 0, string.Join("\n", run.Errors.Select(e => e.ToString())));
        var module = (PSModuleInfo)run.Output.Single().BaseObject;
        Assert.Equal("CognitoClerk", module.Name);
        Assert.Equal(ModuleVersionFromBuild(), module.Version.ToString(3));
    }

    [Fact]
    public void The_manifest_version_is_the_build_version_and_the_shipped_manifest_is_the_source_one()
    {
        Hashtable manifest = ReadManifest(SourceManifest);

        Assert.Equal(ModuleVersionFromBuild(), manifest["ModuleVersion"]);
        Assert.Equal(File.ReadAllText(SourceManifest), File.ReadAllText(RepositoryPaths.ModuleManifest));
    }

    [Fact]
    public void The_cmdlets_assembly_version_is_the_module_version()
    {
        using var host = new ModuleHost();
        var assembly = (Assembly)host.Invoke("(Get-Module CognitoClerk).ImplementingAssembly").Single().BaseObject;

        Assert.Equal(ModuleVersionFromBuild(), assembly.GetName().Version!.ToString(3));
    }

    [Fact]
    public void The_manifest_is_ready_for_the_PowerShell_Gallery()
    {
        Hashtable manifest = ReadManifest(SourceManifest);

        Assert.Equal(["Core", "Desktop"], Strings(manifest["CompatiblePSEditions"]).Order());
        Assert.Equal("5.1", manifest["PowerShellVersion"]);
        Assert.Equal("CognitoClerk.dll", manifest["RootModule"]);
        Assert.True(Guid.TryParse(manifest["GUID"] as string, out _));
        Assert.False(string.IsNullOrWhiteSpace(manifest["Description"] as string));
        Assert.False(string.IsNullOrWhiteSpace(manifest["Author"] as string));
        Assert.Contains("CognitoClerk.format.ps1xml", Strings(manifest["FormatsToProcess"]));

        // Explicit lists, present and without wildcards: PowerShell auto-loads the module from them
        // without importing it, and an omitted key would mean "export everything".
        string[] cmdlets = Strings(manifest["CmdletsToExport"]);
        Assert.NotEmpty(cmdlets);
        Assert.DoesNotContain(cmdlets, c => c.Contains('*') || c.Contains('?'));
        foreach (string key in new[] { "FunctionsToExport", "VariablesToExport", "AliasesToExport" })
        {
            Assert.True(manifest.ContainsKey(key), $"{key} must be present (an empty array), not omitted");
            Assert.Empty(Strings(manifest[key]));
        }

        var psData = (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;
        string[] tags = Strings(psData["Tags"]);
        Assert.Contains("PSEdition_Desktop", tags);
        Assert.Contains("PSEdition_Core", tags);
        Assert.DoesNotContain(tags, t => t.Any(char.IsWhiteSpace) || t.Length == 0);
        foreach (string key in new[] { "ProjectUri", "LicenseUri" })
        {
            Assert.True(Uri.TryCreate(psData[key] as string, UriKind.Absolute, out Uri? uri) && uri.Scheme == Uri.UriSchemeHttps, $"{key} must be an https URL");
        }

        Assert.False(string.IsNullOrWhiteSpace(psData["ReleaseNotes"] as string));
    }

    [Fact]
    public void CmdletsToExport_names_exactly_the_cmdlets_the_assembly_implements()
    {
        using var host = new ModuleHost();
        var assembly = (Assembly)host.Invoke("(Get-Module CognitoClerk).ImplementingAssembly").Single().BaseObject;
        var implemented = assembly.GetExportedTypes()
            .Select(t => t.GetCustomAttribute<CmdletAttribute>())
            .Where(a => a != null)
            .Select(a => a!.VerbName + "-" + a.NounName)
            .ToHashSet(StringComparer.Ordinal);
        var listed = Strings(ReadManifest(SourceManifest)["CmdletsToExport"]).ToHashSet(StringComparer.Ordinal);

        Assert.True(implemented.SetEquals(listed),
            $"Implemented but not in CmdletsToExport (invisible to users): {string.Join(", ", implemented.Except(listed))}; " +
            $"listed but not implemented: {string.Join(", ", listed.Except(implemented))}.");
        var exported = host.Invoke("(Get-Module CognitoClerk).ExportedCmdlets.Keys").Select(o => o.ToString()).ToHashSet(StringComparer.Ordinal);
        Assert.True(listed.SetEquals(exported), "Get-Module reports other exported cmdlets than the manifest lists.");
    }

    [Fact]
    public void The_cmdlets_assembly_references_only_the_engine_PowerShell_and_the_framework()
    {
        // The default load context cannot see Dependencies/: a third-party type used directly by a cmdlet
        // would fail to load (or bind to another module's copy). Only the engine crosses into the module's context.
        using var host = new ModuleHost();
        var assembly = (Assembly)host.Invoke("(Get-Module CognitoClerk).ImplementingAssembly").Single().BaseObject;
        string runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var allowed = new HashSet<string>(StringComparer.Ordinal) { "netstandard", "System.Management.Automation", "CognitoClerk.Engine" };

        var offending = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => !allowed.Contains(n) && !File.Exists(Path.Combine(runtime, n + ".dll")))
            .ToList();

        Assert.True(offending.Count == 0, $"CognitoClerk.dll references {string.Join(", ", offending)}: move that use into the engine.");
    }

    [Fact]
    public void The_MIT_license_ships_in_the_repository_and_the_module()
    {
        string module = Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!;
        foreach (string path in new[] { Path.Combine(RepositoryPaths.Root, "LICENSE"), Path.Combine(module, "LICENSE") })
        {
            Assert.True(File.Exists(path), path);
            Assert.StartsWith("MIT License", File.ReadAllText(path), StringComparison.Ordinal);
        }
    }

    private static string ModuleVersionFromBuild() =>
        XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Build.props"))
            .Descendants("ModuleVersion").Single().Value;
}
