using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CognitoClerk.Emulators;

namespace CognitoClerk.Benchmark;

/// <summary>
/// What a whole-pool Get-ClerkMigrationStatus -Summary costs: Clerk requests, time and peak memory. The pool is
/// the paging fake Cognito's generated one; the Clerk emulator holds the same users as a migration would have left
/// them (every twentieth one never migrated), and one Clerk user per hundred whose sub the pool no longer has.
/// Both run in this process; the status runs in a child process, whose peak working set (VmHWM) is the figure.
/// By default Clerk answers at once and the module is not held to a pace, and the time at a development
/// instance's 100 requests per 10 s is computed from the request count; --paced runs it at that limit for real,
/// with every default; --production runs it at a production instance's 1,000 requests per 10 s for real, the
/// listing at the whole ListUsers quota (30 a second), the module's own rate read from the instance as always.
/// </summary>
internal static class StatusBenchmark
{
    private const string PoolId = "us-east-1_BenchStat1";

    /// <summary>A development instance's limit: 100 requests per 10 s.</summary>
    private const double DevelopmentRequestsPerSecond = 10;

    internal static async Task<StatusResult> RunAsync(int users, StatusPace pace)
    {
        await using FakeCognitoServer cognito = await FakeCognitoServer.StartAsync();
        cognito.AddGeneratedPool(PoolId, users);
        await using ClerkEmulator clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions
        {
            EnvironmentType = pace == StatusPace.Production ? "production" : "development",
            RequestsPer10Seconds = pace switch { StatusPace.Production => 1000, StatusPace.Development => 100, _ => 0 },
            KeepRequestLog = false,
        });

        var seeding = Stopwatch.StartNew();
        int migrated = 0;
        for (int i = 0; i < users; i++)
        {
            if (i % 20 != 0)
            {
                clerk.AddUser(Migrated(FakeCognitoUserSource.GeneratedUser(i)));
                migrated++;
            }
        }

        int deleted = users / 100;
        for (int j = 0; j < deleted; j++)
        {
            clerk.AddUser(Migrated(FakeCognitoUserSource.GeneratedUser(users + j)));
        }

        seeding.Stop();
        clerk.ResetStats();

        string figures = await BenchmarkChild.RunAsync(
            "status-child", cognito.EndpointUrl, PoolId, clerk.BaseUrl, clerk.Options.SecretKey, pace.ToString());

        // "peak <bytes> managed <bytes> seconds <s> state:<State> <n> ..."
        Dictionary<string, string> fields = figures.Split(' ').Chunk(2).ToDictionary(p => p[0], p => p[1]);
        return new StatusResult(
            users,
            migrated,
            deleted,
            long.Parse(fields["peak"]),
            long.Parse(fields["managed"]),
            double.Parse(fields["seconds"], System.Globalization.CultureInfo.InvariantCulture),
            clerk.Stats.Requests,
            cognito.Counters.PagesServed,
            fields.Where(f => f.Key.StartsWith("state:", StringComparison.Ordinal)).ToDictionary(f => f.Key[6..], f => int.Parse(f.Value)),
            clerk.Stats.MaxRequestsInAnyWindow,
            clerk.Stats.TooManyRequests,
            seeding.Elapsed.TotalSeconds,
            DevelopmentRequestsPerSecond);
    }

    /// <summary>In the child: import the module, read the status of the whole pool, report the peak.</summary>
    internal static int Child(string cognitoEndpoint, string pool, string clerkUrl, string secretKey, string pace)
    {
        Environment.SetEnvironmentVariable("CLERK_SECRET_KEY", secretKey);
        Environment.SetEnvironmentVariable("CLERK_API_URL", clerkUrl);
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", cognitoEndpoint);
        Environment.SetEnvironmentVariable("COGNITO_CLIENT_ID", "1example23456789");
        using Runspace runspace = BenchmarkChild.OpenModuleRunspace();
        using var ps = PowerShell.Create();
        ps.Runspace = runspace;

        // Unpaced: as fast as the machine goes, the listing at the whole ListUsers quota (the time at Clerk's limits and at
        // the default listing pace is computed from the requests and pages). Development: every default, a development
        // instance. Production: a production instance, the rate read from it, the listing at the whole quota.
        string rate = pace switch
        {
            nameof(StatusPace.Development) => string.Empty,
            nameof(StatusPace.Production) => " -ListUsersPerSecond 30",
            _ => " -RequestsPer10Seconds 100000 -ThrottleLimit 32 -ListUsersPerSecond 30",
        };
        var watch = Stopwatch.StartNew();
        ps.AddScript($"Get-ClerkMigrationStatus -UserPoolId '{pool}' -Summary{rate}");
        PSObject summary = ps.Invoke().Single();
        watch.Stop();
        if (ps.Streams.Error.Count > 0)
        {
            Console.Error.WriteLine(string.Join("\n", ps.Streams.Error.Take(5)));
            return 3;
        }

        string states = string.Join(" ", new[] { "SignedIn", "AwaitingFirstSignIn", "NotMigrated", "CannotMigrate", "DeletedInCognito" }
            .Select(s => $"state:{s} {summary.Properties[s].Value}"));
        Console.WriteLine($"peak {BenchmarkChild.PeakWorkingSet()} managed {GC.GetTotalMemory(forceFullCollection: false)} " +
            $"seconds {watch.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} {states}");
        return 0;
    }

    /// <summary>The CreateUser body the migration sent for a generated user (what the status compares and the scan reads).</summary>
    private static string Migrated(FakeCognitoUser user) => ClerkMigratedUserBody.For(user, PoolId, "1example23456789");
}

/// <summary>How the status benchmark holds Clerk and the listing to a pace.</summary>
internal enum StatusPace
{
    /// <summary>Clerk answers at once; the listing at 30 a second.</summary>
    Unpaced,

    /// <summary>A development instance's 100 requests per 10 s, every default of the module.</summary>
    Development,

    /// <summary>A production instance's 1,000 requests per 10 s; the listing at 30 a second.</summary>
    Production,
}

internal sealed record StatusResult(
    int Users,
    int Migrated,
    int DeletedInCognito,
    long PeakWorkingSetBytes,
    long ManagedBytesAtEnd,
    double Seconds,
    long ClerkRequests,
    int CognitoPages,
    IReadOnlyDictionary<string, int> States,
    int MaxRequestsInAnyWindow,
    long TooManyRequests,
    double SeedingSeconds,
    double DevelopmentRequestsPerSecond)
{
    public double PeakMegabytes => PeakWorkingSetBytes / (1024.0 * 1024.0);

    /// <summary>Seconds the Clerk requests take at a development instance's limit.</summary>
    public double SecondsAtDevelopmentLimit => ClerkRequests / DevelopmentRequestsPerSecond;

    /// <summary>Seconds the Clerk requests take at a production instance's limit (1,000 per 10 s).</summary>
    public double SecondsAtProductionLimit => ClerkRequests / (DevelopmentRequestsPerSecond * 10);

    /// <summary>Seconds the ListUsers pages take at the module's default pace (-ListUsersPerSecond 5), which runs alongside.</summary>
    public double SecondsAtDefaultListingPace => CognitoPages / (double)CognitoConnectionDefaultPace;

    /// <summary>-ListUsersPerSecond's default: a sixth of the account's ListUsers quota.</summary>
    public const int CognitoConnectionDefaultPace = 5;
}
