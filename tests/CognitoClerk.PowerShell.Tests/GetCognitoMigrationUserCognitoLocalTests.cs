using System.Management.Automation;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>A cognito-local pool for the cmdlet tests: every status, non-ASCII names, phones, custom attributes.</summary>
public sealed class CognitoLocalPoolFixture : IAsyncLifetime
{
    public static readonly string[] Statuses =
    {
        "CONFIRMED", "FORCE_CHANGE_PASSWORD", "UNCONFIRMED", "RESET_REQUIRED", "EXTERNAL_PROVIDER", "ARCHIVED", "COMPROMISED",
    };

    public CognitoLocalServer Server { get; private set; } = null!;

    public string PoolId { get; private set; } = null!;

    public List<CognitoLocalSeedUser> Seeded { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await CognitoLocalServer.StartAsync();
        PoolId = await Server.CreateUserPoolAsync("cmdlet-tests");
        for (int i = 0; i < 42; i++)
        {
            var user = new CognitoLocalSeedUser($"user{i:D2}", "Seed#Pass" + i)
            {
                UserStatus = Statuses[i % Statuses.Length],
                Enabled = i % 10 != 9,
            }
            .With("email", i % 3 == 0 ? $"user{i:D2}@corp.example" : $"user{i:D2}@example.com")
            .With("email_verified", i % 2 == 0 ? "true" : "false")
            .With("given_name", i % 4 == 0 ? "Zoë" : "Ann")
            .With("family_name", i % 4 == 0 ? "Øster-Ågård" : "Lee")
            .With("custom:tier", i % 2 == 0 ? "gold" : "silver");
            if (i % 5 == 0)
            {
                user.With("phone_number", $"+1555010{i:D4}").With("phone_number_verified", "true");
            }

            Seeded.Add(user);
        }

        await Server.SeedAsync(PoolId, Seeded);
    }

    public async Task DisposeAsync()
    {
        if (Server != null)
        {
            await Server.DisposeAsync();
        }
    }
}

public sealed class GetCognitoMigrationUserCognitoLocalTests : IClassFixture<CognitoLocalPoolFixture>, IDisposable
{
    private readonly CognitoLocalPoolFixture _pool;
    private readonly EnvironmentScope _environment = AwsTestCredentials.Environment();
    private readonly ModuleHost _host = new();

    public GetCognitoMigrationUserCognitoLocalTests(CognitoLocalPoolFixture pool) => _pool = pool;

    public void Dispose()
    {
        _host.Dispose();
        _environment.Dispose();
    }

    private Dictionary<string, object?> Vars() => new() { ["pool"] = _pool.PoolId, ["endpoint"] = _pool.Server.EndpointUrl };

    [Fact]
    public void Writes_every_user_with_its_attributes_as_typed_objects()
    {
        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint", Vars());

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(_pool.Seeded.Count, run.Output.Count);
        Assert.All(run.Output, o => Assert.Equal("CognitoClerk.CognitoMigrationUser", o.BaseObject.GetType().FullName));

        foreach (CognitoLocalSeedUser seeded in _pool.Seeded)
        {
            PSObject user = Assert.Single(run.Output, o => (string)o.Properties["Username"].Value == seeded.Username);
            Assert.Equal(seeded.Attributes["email"], user.Properties["Email"].Value);
            Assert.Equal(seeded.Attributes["email_verified"] == "true", user.Properties["EmailVerified"].Value);
            Assert.Equal(seeded.Attributes["given_name"], user.Properties["GivenName"].Value);
            Assert.Equal(seeded.Attributes["family_name"], user.Properties["FamilyName"].Value);
            Assert.Equal(seeded.Attributes.GetValueOrDefault("phone_number"), user.Properties["PhoneNumber"].Value);
            Assert.Equal(seeded.UserStatus, user.Properties["UserStatus"].Value);
            Assert.Equal(seeded.Enabled, user.Properties["Enabled"].Value);
            Assert.Equal(_pool.PoolId, user.Properties["UserPoolId"].Value);
            Assert.False(string.IsNullOrEmpty((string?)user.Properties["Sub"].Value));
            Assert.Equal(DateTimeKind.Utc, ((DateTime)user.Properties["UserCreateDate"].Value).Kind);

            object[] attributes = ((System.Collections.IEnumerable)user.Properties["Attributes"].Value).Cast<object>().ToArray();
            Assert.Contains(attributes, a => a.ToString() == "custom:tier=" + seeded.Attributes["custom:tier"]);
        }
    }

    [Fact]
    public void The_pool_and_the_endpoint_come_from_the_environment_as_the_AWS_SDKs_name_them()
    {
        _environment.Set("COGNITO_USER_POOL_ID", _pool.PoolId).Set("AWS_ENDPOINT_URL", _pool.Server.EndpointUrl);

        ScriptRun run = _host.Run("Get-CognitoMigrationUser");

        Assert.Null(run.Terminating);
        Assert.Equal(_pool.Seeded.Count, run.Output.Count);
    }

    [Fact]
    public void The_service_specific_endpoint_variable_wins_over_the_global_one()
    {
        _environment.Set("COGNITO_USER_POOL_ID", _pool.PoolId)
            .Set("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", _pool.Server.EndpointUrl)
            .Set("AWS_ENDPOINT_URL", "http://127.0.0.1:1/");

        ScriptRun run = _host.Run("Get-CognitoMigrationUser");

        Assert.Null(run.Terminating);
        Assert.Equal(_pool.Seeded.Count, run.Output.Count);
    }

    [Fact]
    public void The_filter_is_passed_through_to_Cognito()
    {
        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Filter 'username ^= \"user1\"'", Vars());

        Assert.Null(run.Terminating);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"user{i}").OrderBy(n => n),
            run.Output.Select(o => (string)o.Properties["Username"].Value).OrderBy(n => n));
    }

    [Fact]
    public void Composes_with_Where_Object()
    {
        ScriptRun run = _host.Run(
            "Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint | Where-Object { $_.Email -like '*@corp.example' -and $_.UserStatus -eq 'CONFIRMED' }",
            Vars());

        var expected = _pool.Seeded.Where(u => u.Attributes["email"].EndsWith("@corp.example") && u.UserStatus == "CONFIRMED").Select(u => u.Username).OrderBy(n => n).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, run.Output.Select(o => (string)o.Properties["Username"].Value).OrderBy(n => n));
    }

    [Fact]
    public void Binds_the_pool_from_piped_objects_by_property_name()
    {
        ScriptRun run = _host.Run(
            "[pscustomobject]@{ UserPoolId = $pool } | Get-CognitoMigrationUser -EndpointUrl $endpoint -Filter 'username = \"user07\"'", Vars());

        Assert.Null(run.Terminating);
        Assert.Equal("user07", (string)Assert.Single(run.Output).Properties["Username"].Value);
    }

    [Fact]
    public void A_missing_pool_is_one_terminating_error_with_a_stable_id()
    {
        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId local_Nope1234 -EndpointUrl $endpoint", Vars());

        ErrorRecord error = TerminatingRecord(run);
        Assert.Equal("CognitoUserPoolNotFound,CognitoClerk.Commands.GetCognitoMigrationUserCommand", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("local_Nope1234", error.TargetObject);
        Assert.Empty(run.Output);
        AwsTestCredentials.AssertNoSecretIn(run);
    }

    [Fact]
    public void A_bad_filter_is_reported_as_an_invalid_request()
    {
        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Filter 'custom:tier = \"gold\"'", Vars());

        Assert.Equal("CognitoInvalidRequest,CognitoClerk.Commands.GetCognitoMigrationUserCommand", TerminatingRecord(run).FullyQualifiedErrorId);
    }

    [Fact]
    public void Verbose_output_tells_the_pages_and_never_a_secret()
    {
        ScriptRun run = _host.Run("Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Verbose", Vars());

        Assert.Contains(run.Verbose, v => v.Contains("Page 1: " + _pool.Seeded.Count + " users"));
        Assert.Contains(run.Verbose, v => v.Contains(_pool.PoolId) && v.Contains(_pool.Server.EndpointUrl));
        AwsTestCredentials.AssertNoSecretIn(run);
    }

    /// <summary>
    /// The one error a setup failure must produce. A cmdlet's terminating error ends its statement: inside a
    /// script run by Invoke it lands in the error stream (and in Terminating only when it ended the whole run).
    /// </summary>
    internal static ErrorRecord TerminatingRecord(ScriptRun run)
    {
        var records = run.Errors.ToList();
        if (run.Terminating is IContainsErrorRecord terminating)
        {
            records.Add(terminating.ErrorRecord);
        }

        ErrorRecord record = Assert.Single(records.DistinctBy(r => r.FullyQualifiedErrorId + r.Exception?.Message));
        Assert.Empty(run.Output);
        return record;
    }
}
