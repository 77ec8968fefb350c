using System.Collections.ObjectModel;
using System.Management.Automation;

namespace CognitoClerk.Sandbox;

/// <summary>What one PowerShell command produced, on every stream and on the host.</summary>
internal sealed class CommandRun
{
    public CommandRun(string script, Collection<PSObject> output, PSDataStreams streams, IReadOnlyList<string> hostLines, Exception? terminating, TimeSpan elapsed)
    {
        Script = script;
        Output = output;
        Errors = streams.Error.ToList();
        Warnings = streams.Warning.Select(w => w.Message).ToList();
        Verbose = streams.Verbose.Select(v => v.Message).ToList();
        Debug = streams.Debug.Select(d => d.Message).ToList();
        Information = streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty).ToList();
        Progress = streams.Progress.Select(p => $"{p.Activity} {p.StatusDescription} {p.CurrentOperation}").ToList();
        HostLines = hostLines;
        Terminating = terminating;
        Elapsed = elapsed;
    }

    public string Script { get; }

    public Collection<PSObject> Output { get; }

    public List<ErrorRecord> Errors { get; }

    public List<string> Warnings { get; }

    public List<string> Verbose { get; }

    public List<string> Debug { get; }

    public List<string> Information { get; }

    public List<string> Progress { get; }

    /// <summary>Written to the host rather than a stream: the "What if:" lines.</summary>
    public IReadOnlyList<string> HostLines { get; }

    public Exception? Terminating { get; }

    public TimeSpan Elapsed { get; }

    public static string ErrorId(ErrorRecord error) => error.FullyQualifiedErrorId.Split(',')[0];

    /// <summary>Everything any stream carried, as text, for the check that no secret appears in it.</summary>
    public string AllText()
    {
        var parts = new List<string>();
        foreach (PSObject o in Output)
        {
            if (o == null)
            {
                continue;
            }

            parts.Add(o.ToString());
            foreach (PSPropertyInfo property in o.Properties)
            {
                try
                {
                    parts.Add(property.Value?.ToString() ?? string.Empty);
                }
                catch (GetValueException)
                {
                    // A property whose getter throws carries no text.
                }
            }
        }

        parts.AddRange(Errors.Select(e => $"{e} {e.FullyQualifiedErrorId} {e.ErrorDetails?.Message} {e.ErrorDetails?.RecommendedAction} {e.Exception} {e.TargetObject}"));
        parts.AddRange(Warnings);
        parts.AddRange(Verbose);
        parts.AddRange(Debug);
        parts.AddRange(Information);
        parts.AddRange(Progress);
        parts.AddRange(HostLines);
        if (Terminating != null)
        {
            parts.Add(Terminating.ToString());
        }

        return string.Join("\n", parts);
    }
}
