namespace CognitoClerk.HelpGen.Markdown;

/// <summary>
/// A doc that does not follow the platyPS schema. The message uses MSBuild's canonical error format
/// ("file(line): error CODE: text") so the build points at the line to fix.
/// </summary>
public sealed class HelpDocumentException : Exception
{
    public HelpDocumentException(string path, int line, string reason)
        : base($"{path}({line}): error HELPGEN001: {reason}")
    {
        Path = path;
        Line = line;
        Reason = reason;
    }

    public string Path { get; }

    public int Line { get; }

    public string Reason { get; }
}
