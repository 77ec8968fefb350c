using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// The module next to another module's AWSSDK.Core (AWS.Tools in an admin's session): all AWSSDK.Core 4.x
/// releases share assembly version 4.0.0.0, so without isolation whichever copy loads first serves both.
/// Each case runs in a child process (CognitoClerk.IsolationHost), because a preloaded assembly stays for
/// the life of the process. Each case lists a pool on the fake Cognito, so AWSSDK.Core really resolves
/// credentials and signs requests. PowerShell 7 only: Windows PowerShell 5.1 cannot be run on this machine.
/// </summary>
public sealed class DependencyIsolationTests
{
    private const string ForeignAwsCoreFileVersion = "4.0.102.19";

    private static string HostDirectory =>
        typeof(DependencyIsolationTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "IsolationHostDirectory").Value!;

    private static string ModuleDependencies => Path.Combine(Path.GetDirectoryName(RepositoryPaths.ModuleManifest)!, "Dependencies");

    private const string PoolId = "eu-west-1_Isolation1";
    private const int PoolSize = 150;

    [Fact]
    public async Task With_another_AWSSDK_Core_loaded_first_the_module_lists_a_pool_with_its_own_copy_and_both_work()
    {
        await using FakeCognitoServer cognito = await StartCognito();
        string foreign = Path.Combine(HostDirectory, "foreign", "AWSSDK.Core.dll");

        IsolationReport report = RunHost(foreign, ListThePool(cognito));

        Assert.Equal(ForeignAwsCoreFileVersion, report.ForeignFileVersion);
        AssertListedThePool(report, cognito);
        AssertModuleIsIsolated(report);
        Assert.Equal([Path.GetFullPath(foreign)], report.DefaultContextAwsCoreLocations.Select(Path.GetFullPath));
        Assert.NotEqual(report.ForeignFileVersion, report.ModuleAwsCoreFileVersion);
        Assert.True(report.ForeignStillWorks, "the other module's AWSSDK.Core stopped working after ours was used");
    }

    [Fact]
    public async Task Without_another_copy_the_module_AWSSDK_Core_stays_out_of_the_default_context()
    {
        await using FakeCognitoServer cognito = await StartCognito();

        IsolationReport report = RunHost("-", ListThePool(cognito));

        AssertListedThePool(report, cognito);
        AssertModuleIsIsolated(report);
        Assert.Empty(report.DefaultContextAwsCoreLocations);
    }

    private static async Task<FakeCognitoServer> StartCognito()
    {
        FakeCognitoServer cognito = await FakeCognitoServer.StartAsync();
        cognito.AddGeneratedPool(PoolId, PoolSize);
        return cognito;
    }

    /// <summary>A real run of the cmdlet: AWSSDK.Core resolves the credentials and signs every ListUsers request.</summary>
    private static string ListThePool(FakeCognitoServer cognito) =>
        $"'listed ' + @(Get-CognitoMigrationUser -UserPoolId '{PoolId}' -EndpointUrl '{cognito.EndpointUrl}').Count";

    private static void AssertListedThePool(IsolationReport report, FakeCognitoServer cognito)
    {
        Assert.True(report.Errors.Count == 0, string.Join("\n", report.Errors));
        Assert.Contains($"listed {PoolSize}", report.Output);
        Assert.True(cognito.Counters.PagesServed > 0);
        Assert.Equal(0, cognito.Counters.SignatureViolations);
    }

    private static void AssertModuleIsIsolated(IsolationReport report)
    {
        Assert.False(report.EngineInDefaultContext, "the engine was loaded into the default context");
        Assert.Equal(Path.GetFullPath(Path.Combine(ModuleDependencies, "CognitoClerk.Engine.dll")), Path.GetFullPath(report.EngineLocation!));
        Assert.True(report.ModuleAwsCoreLocation != null, "the module's load context holds no AWSSDK.Core: the engine is using another copy");
        Assert.Equal(Path.GetFullPath(Path.Combine(ModuleDependencies, "AWSSDK.Core.dll")), Path.GetFullPath(report.ModuleAwsCoreLocation));

        // Everything in the module's context comes from the module's own folder...
        Assert.All(report.ModuleContextAssemblies, a =>
            Assert.StartsWith(Path.GetFullPath(ModuleDependencies), Path.GetFullPath(a.Location), StringComparison.Ordinal));

        // ...and nothing there redefines a runtime type (Span<T> from System.Memory, IAsyncEnumerable<T> from a polyfill).
        Assert.True(report.CoreLibDuplicates.Count == 0, "Types split between the runtime and the module: " + string.Join(", ", report.CoreLibDuplicates));
    }

    private static IsolationReport RunHost(string foreignAwsCore, string script)
    {
        string hostDll = Path.Combine(HostDirectory, "CognitoClerk.IsolationHost.dll");
        Assert.True(File.Exists(hostDll), $"{hostDll} is missing: build the solution.");

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "exec", hostDll, RepositoryPaths.ModuleManifest, foreignAwsCore, script })
        {
            start.ArgumentList.Add(argument);
        }

        // Fake keys and empty shared files: the child must not find this machine's AWS set-up.
        foreach (string name in EnvironmentScope.AwsVariables)
        {
            start.Environment.Remove(name);
        }

        string emptyAws = Directory.CreateTempSubdirectory("cognitoclerk-isolation-aws-").FullName;
        start.Environment["AWS_ACCESS_KEY_ID"] = AwsTestCredentials.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = AwsTestCredentials.SecretAccessKey;
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(emptyAws, "config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(emptyAws, "credentials");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();

        // Generous: a cold PowerShell start on a loaded two-core machine takes seconds, not minutes.
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the isolation host did not finish within 3 minutes");
        }

        Directory.Delete(emptyAws, recursive: true);
        Assert.True(process.ExitCode == 0, $"isolation host exited with {process.ExitCode}: {stderr.Result}");
        Assert.DoesNotContain(AwsTestCredentials.SecretAccessKey, stdout.Result + stderr.Result, StringComparison.Ordinal);
        return JsonSerializer.Deserialize<IsolationReport>(stdout.Result)
               ?? throw new InvalidOperationException("empty report: " + stdout.Result);
    }

    /// <summary>The dotnet that runs these tests (the test host is started by it), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        string? current = Environment.ProcessPath;
        if (current != null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
    }

    /// <summary>The JSON the isolation host prints (same shape as its IsolationReport).</summary>
    private sealed class IsolationReport
    {
        public string? ForeignLocation { get; set; }

        public string? ForeignFileVersion { get; set; }

        public bool ForeignStillWorks { get; set; }

        public string? EngineLocation { get; set; }

        public bool EngineInDefaultContext { get; set; }

        public string? ModuleAwsCoreLocation { get; set; }

        public string? ModuleAwsCoreFileVersion { get; set; }

        public List<string> DefaultContextAwsCoreLocations { get; set; } = new();

        public List<LoadedAssembly> ModuleContextAssemblies { get; set; } = new();

        public List<string> CoreLibDuplicates { get; set; } = new();

        public List<string> Output { get; set; } = new();

        public List<string> Errors { get; set; } = new();
    }

    private sealed record LoadedAssembly(string Name, string Location, string? FileVersion);
}
