using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;

// Usage: CognitoClerk.MigrationProcess --api-url URL --journal PATH --users N [--throttle T] [--rate R]
// The secret key comes from CLERK_SECRET_KEY (never from the command line, which other users can read).
// Prints one line per outcome, "outcome <index> <status> <journal|clerk>", flushed at once so the parent
// can count, then "done <count>". Exit code 0 when finished, 2 when the run stopped.
var options = ParseArguments(args);
string key = Environment.GetEnvironmentVariable("CLERK_SECRET_KEY") ?? throw new InvalidOperationException("CLERK_SECRET_KEY is not set.");

var settings = new ClerkConnectionSettings(new ClerkSecretKey(key), options["--api-url"])
{
    RequestsPer10Seconds = options.TryGetValue("--rate", out string? rate) ? int.Parse(rate) : null,
    Timeout = TimeSpan.FromSeconds(5),
    RetryBaseDelay = TimeSpan.FromMilliseconds(50),
};

using var api = ClerkBackendApi.Create(settings);
using var journal = MigrationJournal.Open(options["--journal"]);
var runnerOptions = new MigrationRunnerOptions
{
    Journal = journal,
    ThrottleLimit = options.TryGetValue("--throttle", out string? throttle) ? int.Parse(throttle) : 16,
};

int users = int.Parse(options["--users"]);
var output = Console.Out;
int written = 0;
using var runner = new MigrationRunner(api, runnerOptions);
try
{
    for (int i = 0; i < users; i++)
    {
        MigrationWorkItem item = SyntheticUser(i);
        while (!runner.TryPost(item))
        {
            Take(TimeSpan.FromSeconds(1));
        }

        while (runner.TryTakeOutcome(out MigrationOutcome? ready))
        {
            Write(ready!);
        }
    }

    runner.Complete();
    while (!runner.IsFinished)
    {
        Take(TimeSpan.FromSeconds(1));
    }
}
catch (MigrationAbortedException ex)
{
    Console.Error.WriteLine("aborted: " + ex.Message);
    return 2;
}

output.WriteLine($"done {written}");
output.Flush();
return 0;

void Take(TimeSpan timeout)
{
    if (runner.TryTakeOutcome(timeout, CancellationToken.None, out MigrationOutcome? outcome))
    {
        Write(outcome!);
    }
}

void Write(MigrationOutcome outcome)
{
    written++;
    output.WriteLine($"outcome {(int)outcome.Item.State!} {outcome.Status} {(outcome.FromJournal ? "journal" : "clerk")}");
    output.Flush();
}

static MigrationWorkItem SyntheticUser(int i)
{
    const string pool = "us-east-1_KILLTEST";
    var request = new ClerkCreateUserRequest
    {
        ExternalId = $"kill-sub-{i:D6}",
        EmailAddress = new List<string> { $"kill{i}@example.com" },
        EmailAddressIdentificationStatus = new List<string> { "verified" },
        FirstName = "Kill",
        LastName = $"Test{i}",
        PasswordHasher = ClerkCreateUserRequest.AwsCognitoHasher,
        PasswordDigest = $"awscognito#{pool}#killtestclient#kill-user-{i}",
    };
    return new MigrationWorkItem(request, $"kill-user-{i}", pool, state: i);
}

static Dictionary<string, string> ParseArguments(string[] args)
{
    var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    for (int i = 0; i + 1 < args.Length; i += 2)
    {
        parsed[args[i]] = args[i + 1];
    }

    foreach (string required in new[] { "--api-url", "--journal", "--users" })
    {
        if (!parsed.ContainsKey(required))
        {
            throw new ArgumentException($"Missing {required}.");
        }
    }

    return parsed;
}
