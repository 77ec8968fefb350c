using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;

// Usage: CognitoClerk.IsolationHost <module.psd1> <foreign AWSSDK.Core.dll or "-"> <script>
// Prints one JSON object (IsolationReport) on stdout. Exit code 0 even when the script fails: the
// test decides what is wrong from the report, which is more useful than a bare exit code.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: CognitoClerk.IsolationHost <module.psd1> <foreign AWSSDK.Core.dll|-> <script>");
    return 2;
}

string manifest = args[0];
string foreignPath = args[1];
string script = args[2];
var report = new IsolationReport();

Assembly? foreign = null;
if (foreignPath != "-")
{
    // What AWS.Tools does when it is imported before us: its AWSSDK.Core lands in the default context.
    foreign = Assembly.LoadFrom(foreignPath);
    report.ForeignLocation = foreign.Location;
    report.ForeignFileVersion = FileVersion(foreign);
}

using (var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2()))
{
    runspace.Open();
    using var ps = PowerShell.Create();
    ps.Runspace = runspace;
    ps.AddScript($"Import-Module '{manifest.Replace("'", "''")}' -ErrorAction Stop\n{script}");
    try
    {
        foreach (PSObject? item in ps.Invoke())
        {
            report.Output.Add(item?.ToString() ?? string.Empty);
        }
    }
    catch (RuntimeException ex)
    {
        report.Errors.Add(ex.ErrorRecord?.FullyQualifiedErrorId + ": " + ex.Message);
    }

    report.Errors.AddRange(ps.Streams.Error.Select(e => e.FullyQualifiedErrorId + ": " + e));
}

Assembly? engine = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "CognitoClerk.Engine");
if (engine != null)
{
    AssemblyLoadContext moduleContext = AssemblyLoadContext.GetLoadContext(engine)!;
    report.EngineLocation = engine.Location;
    report.EngineInDefaultContext = moduleContext == AssemblyLoadContext.Default;

    // Ask the module's context for everything it ships, as the engine would over a long session, so the
    // checks below cover every dependency and not only those this script happened to touch.
    string dependencies = Path.GetDirectoryName(engine.Location)!;
    foreach (string dll in Directory.EnumerateFiles(dependencies, "*.dll"))
    {
        try
        {
            moduleContext.LoadFromAssemblyName(new AssemblyName(Path.GetFileNameWithoutExtension(dll)));
        }
        catch (Exception ex)
        {
            report.Errors.Add($"load {Path.GetFileName(dll)}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    foreach (Assembly assembly in moduleContext.Assemblies.OrderBy(a => a.GetName().Name, StringComparer.Ordinal))
    {
        report.ModuleContextAssemblies.Add(new LoadedAssembly(assembly.GetName().Name!, assembly.Location, FileVersion(assembly)));
        report.CoreLibDuplicates.AddRange(CoreLibDuplicates(assembly));
    }

    Assembly? moduleAwsCore = AssemblyLoadContext.GetLoadContext(engine)!.Assemblies.FirstOrDefault(a => a.GetName().Name == "AWSSDK.Core");
    report.ModuleAwsCoreLocation = moduleAwsCore?.Location;
    report.ModuleAwsCoreFileVersion = moduleAwsCore == null ? null : FileVersion(moduleAwsCore);
}

report.DefaultContextAwsCoreLocations = AssemblyLoadContext.Default.Assemblies
    .Where(a => a.GetName().Name == "AWSSDK.Core")
    .Select(a => a.Location)
    .ToList();

if (foreign != null)
{
    // The other module must still work with its own copy after ours ran: use a real type from it.
    try
    {
        Type credentials = foreign.GetType("Amazon.Runtime.BasicAWSCredentials", throwOnError: true)!;
        object instance = Activator.CreateInstance(credentials, "AKIAFOREIGNEXAMPLE", "foreign-secret")!;
        report.ForeignStillWorks = credentials.GetMethod("GetCredentials")!.Invoke(instance, null) != null;
    }
    catch (Exception ex)
    {
        report.Errors.Add("foreign AWSSDK.Core: " + ex.GetBaseException().Message);
    }
}

Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
return 0;

static string? FileVersion(Assembly assembly) =>
    assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;

// A type the runtime already has, defined again in the module's context (System.Memory's Span<T>, a
// polyfill's IAsyncEnumerable<T>): values of it cannot cross between the engine and the framework.
static IEnumerable<string> CoreLibDuplicates(Assembly assembly)
{
    Type[] types;
    try
    {
        types = assembly.GetExportedTypes();
    }
    catch (ReflectionTypeLoadException ex)
    {
        types = ex.Types.Where(t => t != null).ToArray()!;
    }
    catch (Exception ex)
    {
        // A type whose dependency cannot be loaded is itself a finding, not a reason to lose the report.
        return [$"{assembly.GetName().Name}: cannot list types: {ex.GetType().Name}: {ex.Message}"];
    }

    return types
        .Where(t => t.FullName != null && typeof(object).Assembly.GetType(t.FullName) != null)
        .Select(t => $"{assembly.GetName().Name}: {t.FullName}");
}

public sealed class IsolationReport
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

public sealed record LoadedAssembly(string Name, string Location, string? FileVersion);
