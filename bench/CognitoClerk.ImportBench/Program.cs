using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Json;

// Import-Module time of the built module, cold, in fresh processes.
//
//   dotnet run --project bench/CognitoClerk.ImportBench -c Release -- [--runs 10] [--module out/CognitoClerk/CognitoClerk.psd1]
//
// Each run starts this program again as a child (--child) that times, in order: opening a runspace of the
// hosted engine (PowerShell's own start-up, the baseline every module pays), Import-Module of the manifest,
// then the first use of the module (Get-Help of a cmdlet, which reads the MAML, and a first call into the
// engine, which loads Dependencies/ through the module's load context). Runs alternate with a baseline
// child that imports an empty manifest-only module instead: the part of Import-Module that any module pays
// in a cold process (the cmdlet's own JIT and module analysis), so the difference is this module's cost.
string module = Path.GetFullPath(Option("--module") ?? Path.Combine(FindRoot(), "out", "CognitoClerk", "CognitoClerk.psd1"));
if (args.Contains("--child"))
{
    Console.WriteLine(JsonSerializer.Serialize(MeasureOnce(module)));
    return 0;
}

int runs = int.Parse(Option("--runs") ?? "10", CultureInfo.InvariantCulture);
string baselineModule = WriteEmptyModule();
var samples = new List<Sample>();
var baseline = new List<Sample>();
string self = typeof(Sample).Assembly.Location;
for (int i = 0; i < runs; i++)
{
    samples.Add(RunChild(self, module));
    baseline.Add(RunChild(self, baselineModule));
}

Console.WriteLine($"Import-Module {module}");
Console.WriteLine($"{runs} cold runs, each in a new process; {Environment.ProcessorCount} cores; .NET {Environment.Version}; PowerShell {typeof(PSObject).Assembly.GetName().Version}");
Console.WriteLine();
Console.WriteLine("| step | median ms | min ms | max ms |");
Console.WriteLine("|---|---:|---:|---:|");
Row("open a runspace (engine start-up, before the module)", samples.Select(s => s.RunspaceOpenMs));
Row("Import-Module of an empty manifest-only module (baseline)", baseline.Select(s => s.ImportMs));
Row("Import-Module CognitoClerk", samples.Select(s => s.ImportMs));
Row("first Get-Help <cmdlet> -Full (reads the MAML)", samples.Select(s => s.FirstHelpMs));
Row("first call into the engine (loads Dependencies/)", samples.Select(s => s.FirstEngineUseMs));
return 0;

static Sample RunChild(string self, string module)
{
    var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (string argument in new[] { "exec", self, "--child", "--module", module })
    {
        start.ArgumentList.Add(argument);
    }

    using Process child = Process.Start(start)!;
    string output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    return child.ExitCode == 0
        ? JsonSerializer.Deserialize<Sample>(output)!
        : throw new InvalidOperationException($"child run for {module} failed ({child.ExitCode}): {output}");
}

static string WriteEmptyModule()
{
    string folder = Path.Combine(Path.GetTempPath(), "cognitoclerk-importbench", "EmptyModule");
    Directory.CreateDirectory(folder);
    string manifest = Path.Combine(folder, "EmptyModule.psd1");
    File.WriteAllText(manifest, "@{ ModuleVersion = '1.0.0'; GUID = '00000000-0000-0000-0000-000000000001'; CmdletsToExport = @(); FunctionsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }");
    return manifest;
}

static Sample MeasureOnce(string module)
{
    var clock = Stopwatch.StartNew();
    using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
    runspace.Open();
    double open = clock.Elapsed.TotalMilliseconds;

    double import = Time(runspace, $"Import-Module '{module.Replace("'", "''")}' -ErrorAction Stop");
    string cmdlet = Run(runspace, "@((Get-Module CognitoClerk).ExportedCmdlets.Keys)[0]").FirstOrDefault()?.ToString() ?? string.Empty;
    double? help = cmdlet.Length == 0 ? null : Time(runspace, $"$null = Get-Help '{cmdlet}' -Full");
    double? engine = module.EndsWith("CognitoClerk.psd1", StringComparison.Ordinal)
        ? Time(runspace, "[void][System.Reflection.Assembly]::Load('CognitoClerk.Engine')")
        : null;
    return new Sample(open, import, help, engine);
}

static double Time(Runspace runspace, string script)
{
    var clock = Stopwatch.StartNew();
    Run(runspace, script);
    return clock.Elapsed.TotalMilliseconds;
}

static List<PSObject> Run(Runspace runspace, string script)
{
    using var ps = PowerShell.Create();
    ps.Runspace = runspace;
    ps.AddScript(script);
    return ps.Invoke().ToList();
}

static void Row(string step, IEnumerable<double?> values)
{
    double[] sorted = values.Where(v => v.HasValue).Select(v => v!.Value).Order().ToArray();
    if (sorted.Length == 0)
    {
        Console.WriteLine($"| {step} | n/a | n/a | n/a |");
        return;
    }

    double median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {median:F0} | {sorted[0]:F0} | {sorted[^1]:F0} |"));
}

string? Option(string name)
{
    int index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "CognitoClerk.PowerShell.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run from inside the repository, or pass --module.");
}

internal sealed record Sample(double? RunspaceOpenMs, double? ImportMs, double? FirstHelpMs, double? FirstEngineUseMs);
