using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoClerk.Emulators;

namespace CognitoClerk.Sandbox;

/// <summary>
/// A real pwsh (the pinned .NET tool) as the admin's session: it shares the sandbox's console, so what it prints
/// is the module's own rendering at the console's width, and runs sandbox/RehearsalSession.ps1, which takes one
/// command at a time over a local named pipe and answers with what the command produced (<see cref="CommandRun"/>).
/// Every command is printed as <c>PS&gt;</c> before it runs, so it can be replayed against real services.
/// </summary>
internal sealed class PwshSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly NamedPipeServerStream _pipe;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private readonly SandboxConsole _console;

    private PwshSession(Process process, NamedPipeServerStream pipe, SandboxConsole console, string transcriptPath)
    {
        _process = process;
        _pipe = pipe;
        _console = console;
        TranscriptPath = transcriptPath;
        _reader = new StreamReader(pipe, new UTF8Encoding(false));
        _writer = new StreamWriter(pipe, new UTF8Encoding(false)) { AutoFlush = true };
    }

    /// <summary>Everything the session's console showed (Start-Transcript), for the secret scan.</summary>
    public string TranscriptPath { get; }

    public static string SessionScript => Path.Combine(RepositoryPaths.Root, "sandbox", "RehearsalSession.ps1");

    /// <exception cref="InvalidOperationException">pwsh did not start or did not connect (is `dotnet tool restore` done?).</exception>
    public static async Task<PwshSession> StartAsync(
        IEnumerable<KeyValuePair<string, string?>> environment, string workDirectory, SandboxConsole console, CancellationToken cancellationToken)
    {
        string pipeName = "cognitoclerk-sandbox-" + Guid.NewGuid().ToString("N")[..12];
        string transcript = Path.Combine(workDirectory, "console-transcript.txt");
        var pipe = new NamedPipeServerStream(pipeName, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        Process? process = null;
        try
        {
            process = Process.Start(PwshCommand.StartInfo(
                environment, "-NoLogo", "-NoProfile", "-NonInteractive", "-File", SessionScript, "-PipeName", pipeName, "-TranscriptPath", transcript))
                ?? throw new InvalidOperationException("pwsh did not start.");
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(TimeSpan.FromSeconds(60));
            Task connected = pipe.WaitForConnectionAsync(connectTimeout.Token);
            Task exited = process.WaitForExitAsync(connectTimeout.Token);
            if (await Task.WhenAny(connected, exited) != connected || !pipe.IsConnected)
            {
                throw new InvalidOperationException(
                    $"pwsh did not start its session (exit code {(process.HasExited ? process.ExitCode : -1)}). " +
                    "Run `dotnet tool restore` in the repository (sandbox/run.sh does it).");
            }

            return new PwshSession(process, pipe, console, transcript);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill(process);
            await pipe.DisposeAsync();
            throw new InvalidOperationException("pwsh did not connect to the sandbox within 60 s.");
        }
        catch
        {
            Kill(process);
            await pipe.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Prints <c>PS&gt; script</c>, runs it in the session and returns what it produced. The console shows the first
    /// <paramref name="displayLimit"/> objects (0: all); every object is returned. <paramref name="secureStrings"/>
    /// become SecureString variables for this command only, as Read-Host -AsSecureString would make them.
    /// </summary>
    /// <exception cref="OperationCanceledException">The session ended (Ctrl+C) or was cancelled.</exception>
    public async Task<CommandRun> RunAsync(string script, int displayLimit = 0, IReadOnlyDictionary<string, string>? secureStrings = null, CancellationToken cancellationToken = default)
    {
        _console.Command(script);
        Console.Out.Flush();
        var request = new JsonObject
        {
            ["script"] = script,
            ["displayLimit"] = displayLimit,
            ["secureStrings"] = new JsonObject((secureStrings ?? new Dictionary<string, string>()).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
        };
        await _writer.WriteLineAsync(request.ToJsonString().AsMemory(), cancellationToken);
        string? reply = await _reader.ReadLineAsync(cancellationToken);
        if (reply == null)
        {
            // pwsh ended mid-command: Ctrl+C reaches it first, and a script stops at Ctrl+C.
            throw new OperationCanceledException("The PowerShell session ended.");
        }

        return CommandRun.Parse(script, JsonNode.Parse(reply)!.AsObject());
    }

    public async ValueTask DisposeAsync()
    {
        // Closing the pipe ends the session's loop; it stops its transcript and exits.
        await _writer.DisposeAsync();
        _reader.Dispose();
        await _pipe.DisposeAsync();
        try
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(_process);
        }

        _process.Dispose();
    }

    private static void Kill(Process? process)
    {
        try
        {
            if (process != null && !process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended on its own in the meantime.
        }
    }
}
