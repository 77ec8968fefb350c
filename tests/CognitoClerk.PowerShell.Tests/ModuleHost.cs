using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CognitoClerk.Hosting;
using CognitoClerk.Emulators;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// A runspace of the real PowerShell engine with the built module imported, as an admin's session
/// would have it. Environment variables set through <see cref="SetEnvironment"/> are process-wide,
/// so tests that use them must not run in parallel (see the collection definition).
/// </summary>
public sealed class ModuleHost : IDisposable
{
    private readonly Runspace _runspace;

    public ModuleHost()
        : this(null)
    {
    }

    /// <summary>With a host, Out-Host renders through the module's views into it (see <see cref="RecordingHost"/>).</summary>
    public ModuleHost(System.Management.Automation.Host.PSHost? host)
    {
        var state = InitialSessionState.CreateDefault2();
        _runspace = host == null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        _runspace.Open();
        Invoke($"Import-Module '{RepositoryPaths.ModuleManifest}' -ErrorAction Stop");
    }

    /// <summary>A new PowerShell on this host's runspace, for tests that need the streams or Stop().</summary>
    public System.Management.Automation.PowerShell Create()
    {
        var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = _runspace;
        return ps;
    }

    /// <summary>Runs a script and returns its output; throws on a terminating error.</summary>
    public Collection<PSObject> Invoke(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = Create();
        foreach (var pair in variables ?? new Dictionary<string, object?>())
        {
            ps.Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        }

        ps.AddScript(script);
        return ps.Invoke();
    }

    /// <summary>Runs a script and returns output plus every stream, for assertions on errors, progress and leaks.</summary>
    public ScriptRun Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = Create();
        foreach (var pair in variables ?? new Dictionary<string, object?>())
        {
            ps.Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        }

        ps.AddScript(script);
        Exception? terminating = null;
        Collection<PSObject> output = new();
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }

        return new ScriptRun(output, ps.Streams, terminating);
    }

    public void Dispose() => _runspace.Dispose();
}

/// <summary>What one script run produced, on every stream.</summary>
public sealed class ScriptRun
{
    public ScriptRun(Collection<PSObject> output, PSDataStreams streams, Exception? terminating)
    {
        Output = output;
        Errors = streams.Error.ToList();
        Warnings = streams.Warning.Select(w => w.Message).ToList();
        Verbose = streams.Verbose.Select(v => v.Message).ToList();
        Debug = streams.Debug.Select(d => d.Message).ToList();
        Information = streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty).ToList();
        Progress = streams.Progress.ToList();
        Terminating = terminating;
    }

    public Collection<PSObject> Output { get; }

    public List<ErrorRecord> Errors { get; }

    public List<string> Warnings { get; }

    public List<string> Verbose { get; }

    public List<string> Debug { get; }

    public List<string> Information { get; }

    public List<ProgressRecord> Progress { get; }

    public Exception? Terminating { get; }

    /// <summary>Everything any stream carried, as text: for checks that a secret appears nowhere.</summary>
    public string AllText()
    {
        var parts = new List<string>();
        parts.AddRange(Output.Select(o => o?.ToString() ?? string.Empty));
        foreach (var o in Output)
        {
            if (o == null) continue;
            parts.AddRange(o.Properties.Select(p => { try { return p.Value?.ToString() ?? string.Empty; } catch { return string.Empty; } }));
        }

        parts.AddRange(Errors.Select(e => e.ToString() + " " + e.FullyQualifiedErrorId + " " + e.ErrorDetails?.Message + " " + e.Exception));
        parts.AddRange(Warnings);
        parts.AddRange(Verbose);
        parts.AddRange(Debug);
        parts.AddRange(Information);
        parts.AddRange(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation));
        if (Terminating != null)
        {
            parts.Add(Terminating.ToString());
        }

        return string.Join("\n", parts);
    }
}
