using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using CognitoClerk.Emulators;

namespace CognitoClerk.Benchmark;

/// <summary>
/// Creates per second against the Clerk emulator at 250 ms latency, as a share of the instance's limit:
/// the cmdlet's defaults at production (1000 per 10 s) and development (100 per 10 s) rates, then one
/// request at a time (-ThrottleLimit 1) as the baseline. The emulator answers 429 above its limit
/// (a sliding 10 s window), so a client that overshoots is seen.
/// </summary>
internal static class ThroughputBenchmark
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(250);

    private const int EdgeSeconds = 2;

    private const string DigestFunction = @"
function New-BenchDigest([int] $i) {
    $d = [CognitoClerk.ClerkCognitoDigest]::new()
    $d.password_digest = ""awscognito#us-east-1_Bench0001#bench1client2#user$i""
    $d.external_id = ""bench-sub-$i""
    $d.email_address = @(""bench$i@example.com"")
    $d.email_address_identification_status = @('verified')
    $d.private_metadata = @{ cognito = @{ username = ""user$i""; user_pool_id = 'us-east-1_Bench0001' } }
    $d
}
";

    /// <param name="only">One row, as instance-throttle (production-default, development-1, ...); null for all four.</param>
    internal static async Task RunAllAsync(int seconds, string? only = null)
    {
        Console.WriteLine($"## Throughput: New-ClerkMigratedUser against the Clerk emulator, {Latency.TotalMilliseconds:0} ms per request, about {seconds} s per row");
        Console.WriteLine();
        Console.WriteLine("Whole run: first request in to last answer out (includes the start: GET /v1/instance and the first lookup, ~0.5 s, before any create).");
        Console.WriteLine($"Steady: creates arriving in the middle {seconds} s (the run's first and last {EdgeSeconds} s of creates left out).");
        Console.WriteLine();
        Console.WriteLine("| instance | limit (req/10 s) | -ThrottleLimit | users | whole run (s) | creates/s | creates/s ÷ limit | steady creates/s ÷ limit | requests/s ÷ limit | 429s | max requests in any 10 s |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (environment, limit, throttle) in new (string, int, int?)[]
                 {
                     ("production", 1000, null),
                     ("development", 100, null),
                     ("production", 1000, 1),
                     ("development", 100, 1),
                 })
        {
            if (only != null && !string.Equals(only, $"{environment}-{throttle?.ToString() ?? "default"}", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            ThroughputResult result = await RunAsync(environment, limit, throttle, seconds);
            Console.WriteLine(
                $"| {environment} | {limit} | {(throttle?.ToString() ?? $"default ({result.DefaultThrottle})")} | {result.Users:N0} | {result.Seconds:0.0} | {result.CreatesPerSecond:0.00} | " +
                $"{result.CreatesPerSecond / (limit / 10.0):0.000} | {result.SteadyCreatesPerSecond / (limit / 10.0):0.000} | {result.RequestsPerSecond / (limit / 10.0):0.000} | {result.TooManyRequests} | {result.MaxInWindow} |");
        }

        Console.WriteLine();
    }

    private static async Task<ThroughputResult> RunAsync(string environment, int limit, int? throttle, int seconds)
    {
        double perSecond = limit / 10.0;
        double expected = throttle == 1 ? Math.Min(perSecond, 1 / Latency.TotalSeconds) : perSecond;
        int users = (int)Math.Ceiling(expected * (seconds + (2 * EdgeSeconds) + 1));

        await using ClerkEmulator emulator = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions
        {
            EnvironmentType = environment,
            RequestsPer10Seconds = limit,
            Latency = Latency,
        });

        Environment.SetEnvironmentVariable("CLERK_SECRET_KEY", ClerkEmulatorOptions.DefaultSecretKey);
        Environment.SetEnvironmentVariable("CLERK_API_URL", emulator.BaseUrl);
        using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using (var import = System.Management.Automation.PowerShell.Create())
        {
            import.Runspace = runspace;
            import.AddScript($"Import-Module '{RepositoryPaths.ModuleManifest}' -ErrorAction Stop").Invoke();
        }

        using var ps = System.Management.Automation.PowerShell.Create();
        ps.Runspace = runspace;
        runspace.SessionStateProxy.SetVariable("n", users);
        runspace.SessionStateProxy.SetVariable("throttle", throttle);
        ps.AddScript(DigestFunction + @"
$extra = @{}
if ($throttle) { $extra.ThrottleLimit = $throttle }
1..$n | ForEach-Object { New-BenchDigest $_ } | New-ClerkMigratedUser -Confirm:$false -Verbose @extra |
    ForEach-Object -Begin { $counts = @{} } -Process { $counts[[string]$_.Status]++ } -End { $counts }");

        var watch = Stopwatch.StartNew();
        var output = ps.Invoke();
        watch.Stop();
        if (ps.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException("The run reported errors: " + string.Join("; ", ps.Streams.Error.Take(3)));
        }

        var counts = (System.Collections.Hashtable)output.Single().BaseObject;
        if (counts["Created"] is not int created || created != users)
        {
            throw new InvalidOperationException($"Expected {users} Created, got: " + string.Join(", ", counts.Keys.Cast<object>().Select(k => $"{k}={counts[k]}")));
        }

        string? throttleLine = ps.Streams.Verbose.Select(v => v.Message).FirstOrDefault(m => m.Contains(" in flight.", StringComparison.Ordinal));
        int defaultThrottle = throttleLine == null ? 0 : int.Parse(System.Text.RegularExpressions.Regex.Match(throttleLine, @"up to (\d+) in flight").Groups[1].Value);

        // Timed on the emulator's clock: first request in to last answer out.
        IReadOnlyList<ClerkEmulatorRequest> requests = emulator.Requests;
        TimeSpan window = requests.Max(r => r.RespondedAt ?? r.ArrivedAt) - requests.Min(r => r.ArrivedAt);
        ClerkEmulatorStats stats = emulator.Stats;
        var creates = requests.Where(r => r.Method == "POST" && r.Path == "/v1/users").Select(r => r.ArrivedAt).ToList();
        TimeSpan steadyFrom = creates.Min() + TimeSpan.FromSeconds(EdgeSeconds);
        TimeSpan steadyTo = creates.Max() - TimeSpan.FromSeconds(EdgeSeconds);
        double steady = creates.Count(t => t >= steadyFrom && t < steadyTo) / (steadyTo - steadyFrom).TotalSeconds;
        return new ThroughputResult(
            users,
            window.TotalSeconds,
            stats.Creates / window.TotalSeconds,
            steady,
            stats.Requests / window.TotalSeconds,
            stats.TooManyRequests,
            stats.MaxRequestsInAnyWindow,
            defaultThrottle);
    }
}

internal sealed record ThroughputResult(int Users, double Seconds, double CreatesPerSecond, double SteadyCreatesPerSecond, double RequestsPerSecond, long TooManyRequests, int MaxInWindow, int DefaultThrottle);
