using System.Management.Automation;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>Test-CognitoMigrationReadiness against cognito-local and the Clerk emulator.</summary>
public sealed class TestCognitoMigrationReadinessTests : IClassFixture<ReadinessEnvironment>, IDisposable
{
    private static readonly string[] CheckNames =
    {
        "Region", "UserPool", "AppClient", "ClientSecret", "UserPasswordAuth", "IdentifierSource", "Mfa", "LambdaTriggers", "ClerkSecretKey", "ClerkInstance",
    };

    private readonly ReadinessEnvironment _env;
    private readonly EnvironmentScope _environment;
    private readonly ModuleHost _host = new();

    public TestCognitoMigrationReadinessTests(ReadinessEnvironment env)
    {
        _env = env;
        _environment = AwsTestCredentials.Environment().Set("CLERK_SECRET_KEY", null).Set("CLERK_API_URL", null);
    }

    public void Dispose()
    {
        _host.Dispose();
        _environment.Dispose();
    }

    private Dictionary<string, object?> Vars(string? clientId = null, string? poolId = null) => new()
    {
        ["pool"] = poolId ?? _env.PoolId,
        ["client"] = clientId ?? _env.PublicClientId,
        ["endpoint"] = _env.Cognito.EndpointUrl,
        ["api"] = _env.Clerk.BaseUrl,
        ["key"] = ReadinessEnvironment.Secure(_env.SecretKeyText),
    };

    private const string Check = "Test-CognitoMigrationReadiness -UserPoolId $pool -ClientId $client -EndpointUrl $endpoint -SecretKey $key -ApiUrl $api";

    private static PSObject Row(ScriptRun run, string name) => Assert.Single(run.Output, o => (string)o.Properties["Name"].Value == name);

    private static void AssertFailed(PSObject row, string severity)
    {
        Assert.False((bool)row.Properties["Passed"].Value);
        Assert.False((bool)row.Properties["Skipped"].Value);
        Assert.Equal(severity, row.Properties["Severity"].Value.ToString());
    }

    [Fact]
    public void A_correctly_configured_pool_passes_every_check_in_order()
    {
        ScriptRun run = _host.Run(Check, Vars());

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        Assert.Equal(CheckNames, run.Output.Select(o => (string)o.Properties["Name"].Value));
        Assert.All(run.Output, o => Assert.True((bool)o.Properties["Passed"].Value, o.Properties["Name"].Value + ": " + o.Properties["Detail"].Value));
        Assert.All(run.Output, o => Assert.Equal("CognitoClerk.MigrationReadinessCheck", o.BaseObject.GetType().FullName));
        Assert.Contains("Production instance", (string)Row(run, "ClerkInstance").Properties["Detail"].Value);
        Assert.Empty(_host.Run(Check + " | Where-Object { -not $_.Passed }", Vars()).Output);
    }

    [Fact]
    public void Quiet_gives_one_bool_a_script_can_test()
    {
        Assert.Equal(true, Assert.Single(_host.Run(Check + " -Quiet", Vars()).Output).BaseObject);
        Assert.Equal(false, Assert.Single(_host.Run(Check + " -Quiet", Vars(_env.SecretClientId)).Output).BaseObject);
    }

    [Fact]
    public void A_client_with_a_secret_fails_with_a_new_public_client_as_the_fix()
    {
        ScriptRun run = _host.Run(Check, Vars(_env.SecretClientId));

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        PSObject secret = Row(run, "ClientSecret");
        AssertFailed(secret, "Error");
        Assert.Contains(
            $"aws cognito-idp create-user-pool-client --user-pool-id {_env.PoolId} --client-name clerk-migration --no-generate-secret " +
            $"--explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_REFRESH_TOKEN_AUTH --region local --endpoint-url {_env.Cognito.EndpointUrl}",
            (string)secret.Properties["Fix"].Value);
        Assert.True((bool)Row(run, "UserPasswordAuth").Properties["Passed"].Value);
    }

    [Fact]
    public void A_client_without_the_flow_fails_with_an_update_that_keeps_its_flows_and_a_warning()
    {
        ScriptRun run = _host.Run(Check, Vars(_env.NoFlowClientId));

        PSObject flow = Row(run, "UserPasswordAuth");
        AssertFailed(flow, "Error");
        string fix = (string)flow.Properties["Fix"].Value;
        Assert.Contains(
            $"aws cognito-idp update-user-pool-client --user-pool-id {_env.PoolId} --client-id {_env.NoFlowClientId} --client-name spa " +
            "--explicit-auth-flows ALLOW_USER_SRP_AUTH ALLOW_REFRESH_TOKEN_AUTH ALLOW_USER_PASSWORD_AUTH",
            fix);
        Assert.Contains("resets every setting it is not given", fix);
        Assert.Contains("create-user-pool-client", fix);
        Assert.True((bool)Row(run, "ClientSecret").Properties["Passed"].Value);
    }

    [Fact]
    public void A_missing_pool_fails_with_the_command_that_lists_pools_and_the_rest_is_skipped()
    {
        ScriptRun run = _host.Run(Check, Vars(poolId: "local_NoSuchPl"));

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        PSObject pool = Row(run, "UserPool");
        AssertFailed(pool, "Error");
        Assert.Contains("local_NoSuchPl", (string)pool.Properties["Detail"].Value);
        Assert.Contains($"aws cognito-idp list-user-pools --max-results 60 --region local --endpoint-url {_env.Cognito.EndpointUrl}", (string)pool.Properties["Fix"].Value);
        foreach (string dependent in new[] { "AppClient", "ClientSecret", "UserPasswordAuth", "IdentifierSource", "Mfa", "LambdaTriggers" })
        {
            Assert.True((bool)Row(run, dependent).Properties["Skipped"].Value, dependent);
        }

        Assert.Equal(false, Assert.Single(_host.Run(Check + " -Quiet", Vars(poolId: "local_NoSuchPl")).Output).BaseObject);
    }

    [Fact]
    public void A_client_id_the_pool_does_not_have_fails_the_AppClient_check()
    {
        ScriptRun run = _host.Run(Check, Vars("nosuchclient0000000000000"));

        AssertFailed(Row(run, "AppClient"), "Error");
        Assert.Contains("list-user-pool-clients", (string)Row(run, "AppClient").Properties["Fix"].Value);
        Assert.StartsWith("Pass the client's ID as -ClientId or $env:COGNITO_CLIENT_ID.", (string)Row(run, "AppClient").Properties["Fix"].Value);
    }

    [Fact]
    public void Without_a_client_id_the_AppClient_check_fails_instead_of_the_cmdlet()
    {
        ScriptRun run = _host.Run("Test-CognitoMigrationReadiness -UserPoolId $pool -EndpointUrl $endpoint", Vars());

        Assert.Null(run.Terminating);
        AssertFailed(Row(run, "AppClient"), "Error");
        Assert.True((bool)Row(run, "ClientSecret").Properties["Skipped"].Value);
    }

    [Fact]
    public void Pool_and_client_default_to_the_environment()
    {
        _environment.Set("COGNITO_USER_POOL_ID", _env.PoolId).Set("COGNITO_CLIENT_ID", _env.SecretClientId);

        ScriptRun run = _host.Run("Test-CognitoMigrationReadiness -EndpointUrl $endpoint", Vars());

        AssertFailed(Row(run, "ClientSecret"), "Error");
        Assert.Equal(_env.SecretClientId, Row(run, "ClientSecret").Properties["ClientId"].Value);
    }

    [Fact]
    public void Without_a_Clerk_key_the_Clerk_checks_are_skipped_and_do_not_fail_the_pool()
    {
        ScriptRun run = _host.Run("Test-CognitoMigrationReadiness -UserPoolId $pool -ClientId $client -EndpointUrl $endpoint", Vars());

        Assert.True((bool)Row(run, "ClerkSecretKey").Properties["Skipped"].Value);
        Assert.True((bool)Row(run, "ClerkInstance").Properties["Skipped"].Value);
        Assert.Equal(true, Assert.Single(_host.Run("Test-CognitoMigrationReadiness -UserPoolId $pool -ClientId $client -EndpointUrl $endpoint -Quiet", Vars()).Output).BaseObject);
    }

    [Fact]
    public void A_wrong_Clerk_key_fails_its_check_and_is_never_written()
    {
        const string wrongKey = "sk_test_WrongKeyMarker0123456789";
        var vars = Vars();
        vars["key"] = ReadinessEnvironment.Secure(wrongKey);

        ScriptRun run = _host.Run(Check + " -Verbose -Debug", vars);

        Assert.Null(run.Terminating);
        AssertFailed(Row(run, "ClerkSecretKey"), "Error");
        Assert.True((bool)Row(run, "ClerkInstance").Properties["Skipped"].Value);
        Assert.DoesNotContain(wrongKey, run.AllText());
        Assert.DoesNotContain(_env.SecretKeyText, run.AllText());
        AwsTestCredentials.AssertNoSecretIn(run);
    }

    [Fact]
    public void The_identifier_source_is_judged_against_the_pools_sign_in_settings()
    {
        ScriptRun email = _host.Run(Check + " -IdentifierSource Email", Vars());
        ScriptRun auto = _host.Run(Check + " -IdentifierSource Auto", Vars());

        AssertFailed(Row(email, "IdentifierSource"), "Error");
        Assert.Contains("-IdentifierSource Username", (string)Row(email, "IdentifierSource").Properties["Fix"].Value);
        Assert.True((bool)Row(auto, "IdentifierSource").Properties["Passed"].Value);
        Assert.StartsWith("Auto chose Username", (string)Row(auto, "IdentifierSource").Properties["Detail"].Value);
    }

    [Fact]
    public void Pools_and_clients_bind_from_the_pipeline_by_property_name()
    {
        ScriptRun run = _host.Run(
            "@([pscustomobject]@{ UserPoolId = $pool; ClientId = $client }, [pscustomobject]@{ UserPoolId = $pool; ClientId = $secret }) | Test-CognitoMigrationReadiness -EndpointUrl $endpoint -Quiet",
            new Dictionary<string, object?>(Vars()) { ["secret"] = _env.SecretClientId });

        Assert.Equal(new object[] { true, false }, run.Output.Select(o => o.BaseObject));
    }

    [Fact]
    public void A_malformed_pool_id_stops_the_cmdlet_once()
    {
        ScriptRun run = _host.Run("try { Test-CognitoMigrationReadiness -UserPoolId 'not a pool' -EndpointUrl $endpoint } catch { $_.FullyQualifiedErrorId }", Vars());

        Assert.StartsWith("UserPoolIdMalformed", (string)Assert.Single(run.Output).BaseObject);
    }

    [Fact]
    public void A_plain_http_Clerk_url_off_loopback_stops_the_cmdlet()
    {
        ScriptRun run = _host.Run(
            "try { Test-CognitoMigrationReadiness -UserPoolId $pool -ClientId $client -EndpointUrl $endpoint -SecretKey $key -ApiUrl 'http://clerk.example.com' } catch { $_.FullyQualifiedErrorId }",
            Vars());

        Assert.StartsWith("ClerkApiUrlInvalid", (string)Assert.Single(run.Output).BaseObject);
    }

    [Fact]
    public void The_help_markdown_documents_exactly_the_cmdlets_parameters() =>
        HelpMarkdown.AssertDocumentsParameters(_host, "Test-CognitoMigrationReadiness");
}

/// <summary>Readiness checks that need settings cognito-local cannot hold: MFA, triggers, a pool's size, a denied read.</summary>
public sealed class TestCognitoMigrationReadinessFakeTests : IAsyncLifetime
{
    private const string PoolId = "us-east-1_Guarded01";
    private const string ClientId = "guardedclient0000000000001";

    private FakeCognitoServer _cognito = null!;
    private ClerkEmulator _clerk = null!;
    private EnvironmentScope _environment = null!;
    private ModuleHost _host = null!;

    public async Task InitializeAsync()
    {
        _environment = AwsTestCredentials.Environment().Set("CLERK_SECRET_KEY", null).Set("CLERK_API_URL", null);
        _cognito = await FakeCognitoServer.StartAsync();
        FakeCognitoPool pool = _cognito.AddGeneratedPool(PoolId, 3);
        pool.MfaConfiguration = "ON";
        pool.EstimatedNumberOfUsers = 12_000;
        pool.LambdaTriggers["PreAuthentication"] = "arn:aws:lambda:us-east-1:123456789012:function:gatekeeper";
        pool.LambdaTriggers["PreTokenGeneration"] = "arn:aws:lambda:us-east-1:123456789012:function:claims";
        _cognito.AddAppClient(PoolId, ClientId);
        _clerk = await ClerkEmulator.StartAsync(new ClerkEmulatorOptions { EnvironmentType = "development" });
        _host = new ModuleHost();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _clerk.DisposeAsync();
        await _cognito.DisposeAsync();
        _environment.Dispose();
    }

    private ScriptRun Run() => _host.Run(
        "Test-CognitoMigrationReadiness -UserPoolId $pool -ClientId $client -EndpointUrl $endpoint -SecretKey $key -ApiUrl $api",
        new Dictionary<string, object?>
        {
            ["pool"] = PoolId,
            ["client"] = ClientId,
            ["endpoint"] = _cognito.EndpointUrl,
            ["api"] = _clerk.BaseUrl,
            ["key"] = ReadinessEnvironment.Secure(_clerk.Options.SecretKey),
        });

    private static PSObject Row(ScriptRun run, string name) => Assert.Single(run.Output, o => (string)o.Properties["Name"].Value == name);

    [Fact]
    public void Required_MFA_blocks_and_a_pre_authentication_trigger_and_a_small_development_instance_warn()
    {
        ScriptRun run = Run();

        Assert.Null(run.Terminating);
        Assert.Equal("Error", Row(run, "Mfa").Properties["Severity"].Value.ToString());
        Assert.Contains($"aws cognito-idp get-user-pool-mfa-config --user-pool-id {PoolId} --region us-east-1", (string)Row(run, "Mfa").Properties["Fix"].Value);

        PSObject triggers = Row(run, "LambdaTriggers");
        Assert.Equal("Warning", triggers.Properties["Severity"].Value.ToString());
        Assert.Contains("function:gatekeeper", (string)triggers.Properties["Detail"].Value);
        Assert.Contains("function:claims", (string)triggers.Properties["Detail"].Value);

        PSObject instance = Row(run, "ClerkInstance");
        Assert.Equal("Warning", instance.Properties["Severity"].Value.ToString());
        Assert.Contains("12000", (string)instance.Properties["Detail"].Value);
        Assert.True((bool)Row(run, "Region").Properties["Passed"].Value);
        Assert.True((bool)Row(run, "UserPasswordAuth").Properties["Passed"].Value);
    }

    [Fact]
    public void A_denied_DescribeUserPool_names_the_permission_and_the_identity_check()
    {
        _cognito.AddPool("us-east-1_Denied001", Array.Empty<FakeCognitoUser>()).DenyDescribeUserPool = true;

        ScriptRun run = _host.Run(
            "Test-CognitoMigrationReadiness -UserPoolId us-east-1_Denied001 -ClientId $client -EndpointUrl $endpoint",
            new Dictionary<string, object?> { ["client"] = ClientId, ["endpoint"] = _cognito.EndpointUrl });

        Assert.Null(run.Terminating);
        PSObject pool = Row(run, "UserPool");
        Assert.Equal("Error", pool.Properties["Severity"].Value.ToString());
        Assert.Contains("cognito-idp:DescribeUserPool", (string)pool.Properties["Fix"].Value);
        Assert.Contains("aws sts get-caller-identity --region us-east-1", (string)pool.Properties["Fix"].Value);
        AwsTestCredentials.AssertNoSecretIn(run);
    }

    [Fact]
    public void A_region_other_than_the_pool_ids_fails_the_Region_check()
    {
        ScriptRun run = _host.Run(
            "Test-CognitoMigrationReadiness -UserPoolId $pool -ClientId $client -EndpointUrl $endpoint -Region eu-west-1",
            new Dictionary<string, object?> { ["pool"] = PoolId, ["client"] = ClientId, ["endpoint"] = _cognito.EndpointUrl });

        PSObject region = Row(run, "Region");
        Assert.Equal("Error", region.Properties["Severity"].Value.ToString());
        Assert.Contains("us-east-1", (string)region.Properties["Fix"].Value);
        Assert.Contains("-Region", (string)region.Properties["Fix"].Value);
    }
}
