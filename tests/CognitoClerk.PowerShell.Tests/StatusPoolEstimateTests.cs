using System.Management.Automation;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// A whole-pool Get-ClerkMigrationStatus sizes its set of the pool's subs from Cognito's estimate of the pool and
/// shows a percentage from it. An estimate is only an estimate: far too low, far too high or refused, every user
/// must still land in the right State, DeletedInCognito included.
/// </summary>
public sealed class StatusPoolEstimateTests : IAsyncLifetime
{
    private const string PoolId = "us-east-1_StatEst01";
    private const int PoolUsers = 3_000;
    private const int DeletedUsers = 40;
    private readonly string _secretKey = "sk_" + "test_estimate" + Guid.NewGuid().ToString("N");
    private FakeCognitoServer _cognito = null!;
    private ClerkEmulator _clerk = null!;
    private EnvironmentScope _environment = null!;
    private FakeCognitoPool _pool = null!;

    public async Task InitializeAsync()
    {
        _cognito = await FakeCognitoServer.StartAsync();
        _clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { SecretKey = _secretKey, EnvironmentType = "production" });
        _environment = AwsTestCredentials.Environment()
            .Set("COGNITO_CLIENT_ID", "1example23456789")
            .Set("CLERK_SECRET_KEY", _secretKey)
            .Set("CLERK_API_URL", _clerk.BaseUrl)
            .Set("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", _cognito.EndpointUrl);
        _pool = _cognito.AddGeneratedPool(PoolId, PoolUsers);

        // Every tenth user never migrated; the rest are in Clerk, and some Clerk users' subs left the pool.
        for (int i = 0; i < PoolUsers; i++)
        {
            if (i % 10 != 0)
            {
                _clerk.AddUser(Migrated(FakeCognitoUserSource.GeneratedUser(i)));
            }
        }

        for (int j = 0; j < DeletedUsers; j++)
        {
            _clerk.AddUser(Migrated(FakeCognitoUserSource.GeneratedUser(PoolUsers + j)));
        }
    }

    public async Task DisposeAsync()
    {
        _environment.Dispose();
        await _clerk.DisposeAsync();
        await _cognito.DisposeAsync();
    }

    [Theory]
    [InlineData(PoolUsers)] // right
    [InlineData(10)] // far too low: the set grows as subs arrive
    [InlineData(2_000_000)] // far too high: a larger table, the same answers
    [InlineData(null)] // DescribeUserPool refused: no estimate, the set grows from its smallest size
    public void Every_user_lands_in_the_right_state_whatever_the_estimate(int? estimate)
    {
        _pool.EstimatedNumberOfUsers = estimate;
        _pool.DenyDescribeUserPool = estimate == null;
        using var host = new ModuleHost();

        ScriptRun run = host.Run($"Get-ClerkMigrationStatus -UserPoolId {PoolId} -Summary -ListUsersPerSecond 30 -Verbose");

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        PSObject summary = Assert.Single(run.Output);
        Assert.Equal(PoolUsers - (PoolUsers / 10), Count(summary, "AwaitingFirstSignIn"));
        Assert.Equal(PoolUsers / 10, Count(summary, "NotMigrated"));
        Assert.Equal(DeletedUsers, Count(summary, "DeletedInCognito"));
        Assert.Equal(0, Count(summary, "CannotMigrate"));
        if (estimate == null)
        {
            Assert.Contains(run.Verbose, v => v.Contains("No user count for the pool") && v.Contains("AccessDeniedException"));
            Assert.All(run.Progress.Where(p => p.RecordType == ProgressRecordType.Processing), p => Assert.Equal(-1, p.PercentComplete));
        }
        else
        {
            Assert.Contains(run.Verbose, v => v.Contains($"holds about {estimate} users"));

            // What reading the pool takes: one ListUsers call per 60 users, at the pace asked for.
            long pages = (estimate.Value + 59) / 60;
            Assert.Contains(run.Verbose, v => v.StartsWith($"About {estimate} users: about {pages} ListUsers calls", StringComparison.Ordinal) && v.Contains("at 30 a second"));
        }
    }

    [Fact]
    public void A_long_listing_says_how_long_and_how_to_shorten_it()
    {
        // Cognito estimates a million users: the line is worked out from the estimate before the first ListUsers call.
        _pool.EstimatedNumberOfUsers = 1_000_000;
        using var host = new ModuleHost();

        ScriptRun whole = host.Run($"Get-ClerkMigrationStatus -UserPoolId {PoolId} -Summary -ListUsersPerSecond 30 -Verbose");
        ScriptRun slower = host.Run($"Get-ClerkMigrationStatus -UserPoolId {PoolId} -Summary -ListUsersPerSecond 20 -Verbose");
        ScriptRun filtered = host.Run($"Get-ClerkMigrationStatus -UserPoolId {PoolId} -Filter 'username = \"user000001\"' -Summary -Verbose");

        Assert.Contains(whole.Verbose, v => v == "About 1000000 users: about 16667 ListUsers calls, 9 minutes at 30 a second.");
        Assert.Contains(slower.Verbose, v => v == "About 1000000 users: about 16667 ListUsers calls, 14 minutes at 20 a second " +
            "(-ListUsersPerSecond up to 30 shortens it when nothing else of the AWS account lists users).");

        // With a filter the pool's size is not what the run reads: no such line.
        Assert.Null(filtered.Terminating);
        Assert.DoesNotContain(filtered.Verbose, v => v.StartsWith("About ", StringComparison.Ordinal));
    }

    [Fact]
    public void Progress_counts_against_the_estimate_and_never_claims_the_end_early()
    {
        // An estimate half the pool's size: the percentage must stop at 99, not run past 100.
        _pool.EstimatedNumberOfUsers = PoolUsers / 2;
        using var host = new ModuleHost();

        ScriptRun run = host.Run($"Get-ClerkMigrationStatus -UserPoolId {PoolId} -Summary -ListUsersPerSecond 30");

        Assert.Null(run.Terminating);
        List<ProgressRecord> processing = run.Progress.Where(p => p.RecordType == ProgressRecordType.Processing && p.StatusDescription.Contains("read from Cognito")).ToList();
        Assert.NotEmpty(processing);
        Assert.All(processing, p => Assert.Contains($"of about {PoolUsers / 2}", p.StatusDescription));
        Assert.All(processing, p => Assert.InRange(p.PercentComplete, 0, 99));

        // Once users have been read, the time left follows from their pace; before, the host shows none (-1).
        Assert.Contains(processing, p => p.SecondsRemaining >= 0);
        Assert.Single(run.Progress, p => p.RecordType == ProgressRecordType.Completed);
    }

    private static int Count(PSObject summary, string state) => Convert.ToInt32(summary.Properties[state].Value);

    /// <summary>The CreateUser body the migration sent for a generated user (what the status compares and the scan reads).</summary>
    private static string Migrated(FakeCognitoUser user) => ClerkMigratedUserBody.For(user, PoolId, "1example23456789");
}
