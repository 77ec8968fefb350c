using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CognitoClerk.Hosting;

namespace CognitoClerk.Sandbox;

/// <summary>
/// One runspace of the real PowerShell engine, as an admin's session: every command is printed before it
/// runs (so it can be replayed against real services) and comes back with every stream.
/// </summary>
internal sealed class PowerShellSession : IDisposable
{
    private readonly RecordingHost _host = new(System.Globalization.CultureInfo.CurrentCulture);
    private readonly Runspace _runspace;
    private readonly SandboxConsole _console;
    private System.Management.Automation.PowerShell? _running;

    public PowerShellSession(SandboxConsole console)
    {
        _console = console;

        // CreateDefault2: Microsoft.PowerShell.Core only, like the engine the tests host (no Format-*, no Select-Object).
        _runspace = RunspaceFactory.CreateRunspace(_host, InitialSessionState.CreateDefault2());
        _runspace.Open();
    }

    /// <summary>The session's current directory, for relative paths in the commands it prints.</summary>
    public void SetLocation(string path) => _runspace.SessionStateProxy.Path.SetLocation(path);

    /// <summary>Sets a variable without showing its value (a SecureString password, say).</summary>
    public void SetHiddenVariable(string name, object? value) => _runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Prints <c>PS&gt; script</c>, runs it and returns what every stream carried.</summary>
    public CommandRun Run(string script)
    {
        _console.Command(script);
        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        _host.TakeLines();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Collection<PSObject> output = new();
        Exception? terminating = null;
        _running = ps;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }
        finally
        {
            _running = null;
        }

        if (terminating == null && ps.InvocationStateInfo.State == PSInvocationState.Stopped)
        {
            // A stopped script can return what it had so far instead of throwing; it did not finish all the same.
            terminating = ps.InvocationStateInfo.Reason ?? new PipelineStoppedException();
        }

        return new CommandRun(script, output, ps.Streams, _host.TakeLines(), terminating, clock.Elapsed);
    }

    /// <summary>
    /// Ctrl+C: asks the running command to stop, as pwsh does, and returns at once (the signal thread must not
    /// block). Invoke then ends with PipelineStoppedException, which <see cref="Run"/> reports.
    /// </summary>
    public void StopRunningCommand()
    {
        System.Management.Automation.PowerShell? running = _running;
        if (running == null)
        {
            return;
        }

        try
        {
            running.BeginStop(null, null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException or NullReferenceException)
        {
            // The command finished (or is finishing) between the check and the call: nothing left to stop.
        }
    }

    public void Dispose() => _runspace.Dispose();
}
