using CognitoClerk.Emulators;
using CognitoClerk.Sandbox;

// bash sandbox/run.sh: a local rehearsal of a whole Cognito-to-Clerk migration. See the README.
SandboxOptions options;
try
{
    options = SandboxOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(SandboxOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(SandboxOptions.Usage);
    return 0;
}

Console.OutputEncoding = System.Text.Encoding.UTF8;
if (options.Serve)
{
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        stop.Cancel();
    };
    try
    {
        return await SandboxServer.RunAsync(options, stop.Token);
    }
    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or CognitoLocalException or IOException
        or HttpRequestException)
    {
        Console.Error.WriteLine("The sandbox could not start its services: " + ex.Message);
        return 2;
    }
}

var console = new SandboxConsole(Console.Out);
var clock = System.Diagnostics.Stopwatch.StartNew();
using var cancel = new CancellationTokenSource();
PowerShellSession? session = null;
Console.CancelKeyPress += (_, e) =>
{
    // Stop the running command and shut the services down in order (cognito-local is a child process).
    e.Cancel = true;
    cancel.Cancel();
    session?.StopRunningCommand();
};

console.Title("CognitoClerk sandbox: a rehearsal of a Cognito-to-Clerk migration against local stand-ins (nothing leaves 127.0.0.1)");
SandboxServices services;
try
{
    console.Step("Start the services and seed a sample user pool");
    services = await SandboxServices.StartAsync(options, console, cancel.Token);
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.WriteLine("RESULT: stopped (Ctrl+C) while starting the services.");
    return 130;
}
catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or CognitoLocalException or IOException
    or HttpRequestException)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine("The sandbox could not start its services: " + ex.Message);
    Console.Error.WriteLine("It needs `npm ci --prefix tests` (cognito-local) and Clerk's OpenAPI spec; sandbox/run.sh does the first.");
    return 2;
}

// The journal goes here; removed at the end.
string workDirectory = Path.Combine(Path.GetTempPath(), "cognitoclerk-sandbox-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(workDirectory);
IReadOnlyList<string> problems;
await using (services)
{
    using (session = new PowerShellSession(console))
    {
        var rehearsal = new SandboxRehearsal(options, console, services, session, workDirectory);
        try
        {
            await rehearsal.RunAsync(cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Ctrl+C during the sign-in checks: the summary shows how far it got.
        }

        rehearsal.PrintSummary(clock.Elapsed);
        problems = rehearsal.Problems;
    }

    session = null;
}

try
{
    Directory.Delete(workDirectory, recursive: true);
}
catch (IOException)
{
    // A temporary folder left behind is harmless.
}

Console.WriteLine();
if (cancel.IsCancellationRequested)
{
    Console.WriteLine("RESULT: stopped (Ctrl+C).");
    return 130;
}

if (problems.Count == 0)
{
    Console.WriteLine("RESULT: everything happened as expected. Replay the PS> lines against your own pool and Clerk instance");
    Console.WriteLine("        (start with the -WhatIf line; see the README).");
    return 0;
}

Console.WriteLine($"RESULT: {problems.Count} unexpected outcome(s):");
foreach (string problem in problems)
{
    Console.WriteLine("  - " + problem);
}

return 1;
