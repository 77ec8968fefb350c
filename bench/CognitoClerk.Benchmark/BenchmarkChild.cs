using System.Diagnostics;
using System.Management.Automation.Runspaces;
using CognitoClerk.Emulators;

namespace CognitoClerk.Benchmark;

/// <summary>
/// Runs this benchmark again as a child process for one measurement, so the child's peak working set is the
/// pipeline's alone (the fake Cognito stays in the parent). The child gets made-up AWS keys and empty shared
/// config files, never the caller's.
/// </summary>
internal static class BenchmarkChild
{
    /// <returns>The child's last line of output (its figures).</returns>
    internal static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(BenchmarkChild).Assembly.Location);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        string awsFolder = Directory.CreateTempSubdirectory("cognitoclerk-bench-aws").FullName;
        start.Environment["AWS_ACCESS_KEY_ID"] = "AKIDBENCHMARK";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "benchmark-secret-not-real";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(awsFolder, "credentials");
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(awsFolder, "config");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment.Remove("CLERK_SECRET_KEY");

        try
        {
            using Process child = Process.Start(start)!;
            Task<string> output = child.StandardOutput.ReadToEndAsync();
            Task<string> error = child.StandardError.ReadToEndAsync();
            await child.WaitForExitAsync();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException($"The benchmark child '{arguments[0]}' failed ({child.ExitCode}): {await error}\n{await output}");
            }

            return (await output).Trim().Split('\n').Last();
        }
        finally
        {
            Directory.Delete(awsFolder, recursive: true);
        }
    }

    /// <summary>In the child: a runspace with the built module imported, as an admin's session has it.</summary>
    internal static Runspace OpenModuleRunspace()
    {
        Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript($"Import-Module '{RepositoryPaths.ModuleManifest}' -ErrorAction Stop").Invoke();
        return runspace;
    }

    /// <summary>In the child: the whole process's peak working set so far (VmHWM on Linux).</summary>
    internal static long PeakWorkingSet()
    {
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        return self.PeakWorkingSet64;
    }
}
