using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>Drives a runner the way the cmdlet's pipeline thread does: post with back-pressure, take outcomes, drain.</summary>
public static class RunnerDriver
{
    public static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);

    public static List<MigrationOutcome> RunAll(MigrationRunner runner, IEnumerable<MigrationWorkItem> items, CancellationToken cancellationToken = default)
    {
        var outcomes = new List<MigrationOutcome>();
        foreach (MigrationWorkItem item in items)
        {
            while (runner.TryTakeOutcome(out MigrationOutcome? ready))
            {
                outcomes.Add(ready!);
            }

            while (!runner.TryPost(item))
            {
                if (runner.TryTakeOutcome(Generous, cancellationToken, out MigrationOutcome? next))
                {
                    outcomes.Add(next!);
                }
            }
        }

        runner.Complete();
        var deadline = DateTime.UtcNow + Generous;
        while (!runner.IsFinished)
        {
            if (runner.TryTakeOutcome(TimeSpan.FromSeconds(1), cancellationToken, out MigrationOutcome? next))
            {
                outcomes.Add(next!);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The runner did not finish.");
            }
        }

        return outcomes;
    }

    public static MigrationWorkItem User(int i, string pool = "us-east-1_TEST", string? externalId = null, string? email = null, string? phone = null, string? username = null)
    {
        var request = new ClerkCreateUserRequest
        {
            ExternalId = externalId ?? $"sub-{i:D6}",
            EmailAddress = new List<string> { email ?? $"user{i}@example.com" },
            EmailAddressIdentificationStatus = new List<string> { "verified" },
            PasswordHasher = ClerkCreateUserRequest.AwsCognitoHasher,
            PasswordDigest = $"awscognito#{pool}#client123#cognito-user-{i}",
            Username = username,
        };
        if (phone != null)
        {
            request.PhoneNumber = new List<string> { phone };
        }

        return new MigrationWorkItem(request, $"cognito-user-{i}", pool, state: i);
    }

    public static IEnumerable<MigrationWorkItem> Users(int count, int start = 0) => Enumerable.Range(start, count).Select(i => User(i));
}
