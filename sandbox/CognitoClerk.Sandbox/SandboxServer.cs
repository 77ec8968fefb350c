using System.Text.Json;
using CognitoClerk.Emulators;

namespace CognitoClerk.Sandbox;

/// <summary>
/// <c>--serve</c>: the services without the rehearsal, for a script or a Pester suite that drives the module
/// itself. Writes one JSON line to stdout (the environment that points the module at the services, and the
/// sample users with what must happen to each) and keeps the services running until stdin closes, so the
/// caller ends them by closing the pipe, or by ending this process. Nothing else is written to stdout.
/// </summary>
internal static class SandboxServer
{
    public static async Task<int> RunAsync(SandboxOptions options, CancellationToken cancellationToken)
    {
        string workDirectory = Path.Combine(Path.GetTempPath(), "cognitoclerk-serve-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(workDirectory);
        try
        {
            await using SandboxServices services = await SandboxServices.StartAsync(options, new SandboxConsole(TextWriter.Null), cancellationToken);
            var description = new
            {
                environment = services.ModuleEnvironment(workDirectory).ToDictionary(v => v.Key, v => v.Value),
                whereObjectFilter = SampleMigrationPool.WhereObjectFilter,
                users = services.Users.Select(u => new
                {
                    username = u.Username,
                    email = u.Seed.Attributes.TryGetValue(SampleMigrationPool.EmailAttribute, out string? email) ? email : null,
                    expectation = u.Expectation.ToString(),
                    expectedErrorId = u.ExpectedErrorId,
                }),
            };
            Console.Out.WriteLine(JsonSerializer.Serialize(description));
            Console.Out.Flush();

            // Until the caller closes stdin (or Ctrl+C): the services live exactly as long as the caller needs them.
            Task closed = Console.In.ReadToEndAsync(cancellationToken);
            await closed.WaitAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return 130;
        }
        finally
        {
            try
            {
                Directory.Delete(workDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless.
            }
        }
    }
}
