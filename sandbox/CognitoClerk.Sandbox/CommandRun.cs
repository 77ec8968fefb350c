using System.Text.Json.Nodes;

namespace CognitoClerk.Sandbox;

/// <summary>What one command produced in the pwsh session: its objects, its errors, and what the console showed.</summary>
internal sealed class CommandRun
{
    private CommandRun(string script, List<PwshObject> output, List<PwshError> errors, PwshError? terminating, string console, TimeSpan elapsed)
    {
        Script = script;
        Output = output;
        Errors = errors;
        Terminating = terminating;
        Console = console;
        Elapsed = elapsed;
    }

    public string Script { get; }

    /// <summary>Every object the command wrote, shown or not.</summary>
    public List<PwshObject> Output { get; }

    /// <summary>Non-terminating errors, in the order they were written.</summary>
    public List<PwshError> Errors { get; }

    public PwshError? Terminating { get; }

    /// <summary>What the console showed (the transcript since the command started): views, errors, What if: lines.</summary>
    public string Console { get; }

    public IEnumerable<string> ConsoleLines => Console.Split('\n').Select(l => l.TrimEnd('\r'));

    public TimeSpan Elapsed { get; }

    public static CommandRun Parse(string script, JsonObject reply)
    {
        List<PwshObject> output = reply["output"]?.AsArray().Select(o => new PwshObject(o!.AsObject())).ToList() ?? new();
        List<PwshError> errors = reply["errors"]?.AsArray().Select(e => PwshError.Parse(e!.AsObject())).ToList() ?? new();
        PwshError? terminating = reply["terminating"] is JsonObject t ? PwshError.Parse(t) : null;
        return new CommandRun(
            script,
            output,
            errors,
            terminating,
            reply["console"]?.GetValue<string>() ?? string.Empty,
            TimeSpan.FromSeconds(reply["elapsedSeconds"]?.GetValue<double>() ?? 0));
    }

    /// <summary>Everything the command produced, as text, for the check that no secret appears in it.</summary>
    public string AllText() =>
        string.Join("\n", Output.Select(o => o.Json)
            .Concat(Errors.Select(e => e.Text))
            .Append(Terminating?.Text ?? string.Empty)
            .Append(Console));
}

/// <summary>One object a command wrote: its properties as text (the module's objects whole, others' scalars).</summary>
internal sealed class PwshObject
{
    private readonly JsonObject _properties;

    public PwshObject(JsonObject properties) => _properties = properties;

    public string TypeName => Text("$type") ?? string.Empty;

    public string Json => _properties.ToJsonString();

    public string? Text(string property) => _properties[property]?.GetValue<string>() is { Length: > 0 } text ? text : null;

    public bool Flag(string property) => string.Equals(Text(property), "True", StringComparison.OrdinalIgnoreCase);
}

/// <summary>One error record, as the sandbox needs it.</summary>
internal sealed record PwshError(string ErrorId, string? TargetName, string Category, string Message, string Text)
{
    public static PwshError Parse(JsonObject error) => new(
        error["errorId"]?.GetValue<string>() ?? string.Empty,
        error["targetName"]?.GetValue<string>(),
        error["category"]?.GetValue<string>() ?? string.Empty,
        error["message"]?.GetValue<string>() ?? string.Empty,
        error["text"]?.GetValue<string>() ?? string.Empty);
}
