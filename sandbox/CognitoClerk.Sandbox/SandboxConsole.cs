namespace CognitoClerk.Sandbox;

/// <summary>
/// Everything the sandbox prints goes through here. Nothing secret is ever handed to it: the Clerk key and
/// the passwords are placeholders by the time text reaches this class.
/// </summary>
internal sealed class SandboxConsole
{
    private readonly TextWriter _out;
    private int _step;

    public SandboxConsole(TextWriter output) => _out = output;

    public void Title(string text)
    {
        _out.WriteLine(text);
        _out.WriteLine(new string('=', Math.Min(100, TextWidth.Of(text))));
    }

    public void Step(string text)
    {
        _step++;
        _out.WriteLine();
        _out.WriteLine($"[{_step}] {text}");
    }

    public void Section(string text)
    {
        _out.WriteLine();
        _out.WriteLine(text);
    }

    /// <summary>A PowerShell command, as an admin would type it.</summary>
    public void Command(string script) => _out.WriteLine("    PS> " + script);

    public void Line(string text = "") => _out.WriteLine(text.Length == 0 ? string.Empty : "    " + text);

    public void Table(TextTable table)
    {
        foreach (string row in table.Render())
        {
            _out.WriteLine("    " + row);
        }
    }
}
