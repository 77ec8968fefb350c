using System.Globalization;

namespace CognitoClerk.Sandbox;

/// <summary>The command line: <c>bash sandbox/run.sh [--users N] [--production] [--show-all]</c>.</summary>
internal sealed class SandboxOptions
{
    public const int DefaultUsers = 40;
    public const int MaximumUsers = 5000;

    public int Users { get; private set; } = DefaultUsers;

    /// <summary>Emulate a production instance (1000 requests per 10 s) instead of a development one (100).</summary>
    public bool Production { get; private set; }

    /// <summary>Print every row of the results table instead of a sample of the created users.</summary>
    public bool ShowAll { get; private set; }

    /// <summary>After the rehearsal, an interactive pwsh with the module imported, pointed at the still-running services.</summary>
    public bool Shell { get; private set; }

    /// <summary>
    /// No rehearsal: start and seed the services, write one JSON line describing them to stdout, and keep them
    /// running until stdin closes. For scripts and the Pester suites that need the services themselves.
    /// </summary>
    public bool Serve { get; private set; }

    public bool Help { get; private set; }

    public static string Usage =>
        "Usage: bash sandbox/run.sh [--users N] [--production] [--show-all] [--shell | --serve]\n" +
        $"  --users N      sample Cognito users to seed ({SampleMinimum}..{MaximumUsers}, default {DefaultUsers})\n" +
        "  --production   emulate a production Clerk instance (1000 requests/10 s) instead of a development one (100)\n" +
        "  --show-all     list every result of the dry run and the migration, not only the first 50\n" +
        "  --shell        after the rehearsal, an interactive pwsh with the module imported and the environment\n" +
        "                 pointed at the still-running services; they stop when that shell exits\n" +
        "  --serve        no rehearsal: start and seed the services, write one JSON line (environment, sample users)\n" +
        "                 to stdout and keep them running until stdin closes (for scripts and the Pester suites)\n" +
        "Exit code: 0 when everything happened as expected, 1 when something did not, 2 when the sandbox could not start.";

    private static int SampleMinimum => Emulators.SampleMigrationPool.MinimumCount;

    /// <exception cref="ArgumentException">An unknown flag or a bad value; the message says which.</exception>
    public static SandboxOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SandboxOptions();
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--users":
                    if (i + 1 >= args.Count || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out int users)
                        || users < SampleMinimum || users > MaximumUsers)
                    {
                        throw new ArgumentException($"--users needs a number from {SampleMinimum} to {MaximumUsers}.");
                    }

                    options.Users = users;
                    break;
                case "--production":
                    options.Production = true;
                    break;
                case "--show-all":
                    options.ShowAll = true;
                    break;
                case "--shell":
                    options.Shell = true;
                    break;
                case "--serve":
                    options.Serve = true;
                    break;
                case "-h" or "--help":
                    options.Help = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        if (options.Shell && options.Serve)
        {
            throw new ArgumentException("--shell and --serve do not go together: --serve runs no rehearsal and no shell.");
        }

        return options;
    }
}
