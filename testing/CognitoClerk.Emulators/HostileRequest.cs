namespace CognitoClerk.Emulators;

/// <summary>One request a <see cref="HostileHttpServer"/> received.</summary>
public sealed record HostileRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out string? value) ? value : null;
}
