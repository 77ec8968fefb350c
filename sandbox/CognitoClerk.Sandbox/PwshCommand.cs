using System.Diagnostics;
using CognitoClerk.Emulators;

namespace CognitoClerk.Sandbox;

/// <summary>
/// The pinned pwsh (.config/dotnet-tools.json, restored by sandbox/run.sh), started as <c>dotnet pwsh</c> from the
/// repository root, where dotnet finds the tool manifest.
/// </summary>
internal static class PwshCommand
{
    public static ProcessStartInfo StartInfo(IEnumerable<KeyValuePair<string, string?>> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        start.ArgumentList.Add("pwsh");
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string name, string? value) in environment)
        {
            if (value == null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        // A log or a pipe gets plain text; a terminal keeps the console's colours.
        if (Console.IsOutputRedirected)
        {
            start.Environment["NO_COLOR"] = "1";
        }

        return start;
    }
}
