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
using var cancel = new CancellationTokenSource();
bool inShell = false;
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl+C reaches pwsh too (same console): it stops the running command, and the session ends with it. Here it
    // stops what is left and shuts the services down in order (cognito-local is a child process). In the --shell
    // pwsh, Ctrl+C belongs to that shell alone: the services live until it exits.
    e.Cancel = true;
    if (!inShell)
    {
        cancel.Cancel();
    }
};

if (options.Serve)
{
    try
    {
        return await SandboxServer.RunAsync(options, cancel.Token);
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
    Console.Error.WriteLine("It needs `npm ci --prefix testing` (cognito-local) and Clerk's OpenAPI spec; sandbox/run.sh does the first.");
    return 2;
}

// The journal and the console transcript go here; removed at the end.
string workDirectory = Path.Combine(Path.GetTempPath(), "cognitoclerk-sandbox-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(workDirectory);
IReadOnlyList<string> problems;
int exitCode;
await using (services)
{
    var rehearsal = new SandboxRehearsal(options, console, services, workDirectory);
    try
    {
        await rehearsal.RunAsync(cancel.Token);
    }
    catch (OperationCanceledException) when (cancel.IsCancellationRequested)
    {
        // Ctrl+C: the summary shows how far it got.
    }

    rehearsal.PrintSummary(clock.Elapsed);
    problems = rehearsal.Problems;
    exitCode = PrintResult(cancel.IsCancellationRequested, problems);

    if (options.Shell && !cancel.IsCancellationRequested)
    {
        inShell = true;
        await SandboxShell.RunAsync(console, services, workDirectory);
    }
}

try
{
    Directory.Delete(workDirectory, recursive: true);
}
catch (IOException)
{
    // A temporary folder left behind is harmless.
}

return exitCode;

static int PrintResult(bool cancelled, IReadOnlyList<string> problems)
{
    Console.WriteLine();
    if (cancelled)
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
}
