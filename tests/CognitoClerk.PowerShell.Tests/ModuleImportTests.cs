using Xunit;

namespace CognitoClerk.PowerShell.Tests;

public class ModuleImportTests
{
    [Fact]
    public void The_built_module_imports_with_the_manifest_version()
    {
        using var host = new ModuleHost();

        var version = host.Invoke("(Get-Module CognitoClerk).Version.ToString()").Single().BaseObject;

        Assert.Equal("0.1.0", version);
    }

    [Fact]
    public void The_engine_ships_only_in_the_Dependencies_folder()
    {
        string module = Path.GetDirectoryName(CognitoClerk.Emulators.RepositoryPaths.ModuleManifest)!;

        Assert.True(File.Exists(Path.Combine(module, "CognitoClerk.dll")));
        Assert.False(File.Exists(Path.Combine(module, "CognitoClerk.Engine.dll")));
        Assert.True(File.Exists(Path.Combine(module, "Dependencies", "CognitoClerk.Engine.dll")));
        Assert.True(File.Exists(Path.Combine(module, "Dependencies", "AWSSDK.Core.dll")));
        Assert.False(File.Exists(Path.Combine(module, "Dependencies", "System.Management.Automation.dll")));
    }
}
