namespace CognitoClerk.Emulators;

/// <summary>Finds the repository's folders from wherever a test, the sandbox or the benchmark runs.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    /// <summary>The importable module laid out by the build.</summary>
    public static string ModuleManifest => Path.Combine(Root, "out", "CognitoClerk", "CognitoClerk.psd1");

    /// <summary>Clerk's Backend API OpenAPI spec, beside the repository in shared/.</summary>
    public static string ClerkOpenApiSpec =>
        Environment.GetEnvironmentVariable("CLERK_OPENAPI_SPEC") is { Length: > 0 } path
            ? path
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "clerk", "2026-05-12.yml"));

    /// <summary>node_modules installed by `npm ci --prefix testing` (cognito-local).</summary>
    public static string NodeModules => Path.Combine(Root, "testing", "node_modules");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CognitoClerk.PowerShell.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CognitoClerk.PowerShell.sln above {AppContext.BaseDirectory}.");
    }
}
