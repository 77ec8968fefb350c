using System.Diagnostics;

namespace CognitoClerk.Benchmark;

/// <summary>
/// Runs this benchmark again as a child process for one measurement, so that its peak working set is the
/// module's alone (the fakes stay in the parent). The child gets placeholder AWS keys and no AWS profile or
/// Clerk key of the machine's own; the caller adds what the run needs.
/// </summary>
internal static class BenchmarkChild
{
    /// <returns>What the child wrote to standard output.</returns>
    /// <exception cref="InvalidOperationException">The child failed (with what it wrote to standard error).</exception>
    internal static async Task<string> RunAsync(IEnumerable<string> arguments, Action<IDictionary<string, string?>>? environment = null)
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
        environment?.Invoke(start.Environment);

        try
        {
            using Process child = Process.Start(start)!;
            Task<string> error = child.StandardError.ReadToEndAsync();
            string output = await child.StandardOutput.ReadToEndAsync();
            await child.WaitForExitAsync();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException($"The benchmark child failed ({child.ExitCode}): {await error}\n{output}");
            }

            return output;
        }
        finally
        {
            Directory.Delete(awsFolder, recursive: true);
        }
    }
}
