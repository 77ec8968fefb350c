using System.Management.Automation;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Test-ClerkMigratedUser against cognito-local and the Clerk emulator (which, like Clerk, asks
/// cognito-local when it verifies an awscognito password).
/// </summary>
public sealed class TestClerkMigratedUserTests : IClassFixture<ReadinessEnvironment>, IAsyncLifetime
{
    private const string WrongPassword = "Not-Alices#Pass-0000";
    private const string WrongKey = "sk_test_WrongKeyMarker9876543210";

    private readonly ReadinessEnvironment _env;
    private readonly EnvironmentScope _environment;
    private readonly ModuleHost _host = new();

    public TestClerkMigratedUserTests(ReadinessEnvironment env)
    {
        _env = env;
        _environment = AwsTestCredentials.Environment().Set("CLERK_SECRET_KEY", null).Set("CLERK_API_URL", null);
    }

    public async Task InitializeAsync()
    {
        // One Clerk user per Cognito user, created once for the whole class (the emulator keeps them).
        if (!_env.Clerk.Users.Any(u => u.ExternalId == _env.AliceSub))
        {
            await _env.MigrateAsync("alice", _env.AliceSub, "alice@example.com");
            await _env.MigrateAsync("frank", _env.FrankSub, "frank@example.com");
        }
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        _environment.Dispose();
        return Task.CompletedTask;
    }

    private Dictionary<string, object?> Vars(string password, bool withKey = true) => new()
    {
        ["pool"] = _env.PoolId,
        ["client"] = _env.PublicClientId,
        ["endpoint"] = _env.Cognito.EndpointUrl,
        ["api"] = _env.Clerk.BaseUrl,
        ["password"] = ReadinessEnvironment.Secure(password),
        ["key"] = withKey ? ReadinessEnvironment.Secure(_env.SecretKeyText) : null,
    };

    private const string Common = "-UserPoolId $pool -ClientId $client -EndpointUrl $endpoint -Password $password -SecretKey $key -ApiUrl $api";

    private static Dictionary<string, object?> WithWrongKey(Dictionary<string, object?> vars)
    {
        vars["wrongkey"] = ReadinessEnvironment.Secure(WrongKey);
        return vars;
    }

    private static object? Prop(PSObject o, string name) => o.Properties[name].Value;

    private long VerifyCalls() => _env.Clerk.Requests.Count(r => r.Path.EndsWith("/verify_password", StringComparison.Ordinal));

    [Fact]
    public void A_known_password_signs_in_to_Cognito_and_Clerk_verifies_it()
    {
        ScriptRun run = _host.Run("Test-ClerkMigratedUser alice " + Common, Vars(ReadinessEnvironment.AlicePassword));

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        PSObject result = Assert.Single(run.Output);
        Assert.Equal("CognitoClerk.MigratedUserValidationResult", result.BaseObject.GetType().FullName);
        Assert.Equal("Authenticated", Prop(result, "CognitoStatus")!.ToString());
        Assert.Equal("Verified", Prop(result, "ClerkStatus")!.ToString());
        Assert.True((bool)Prop(result, "Passed")!);
        Assert.Equal(_env.Clerk.Users.Single(u => u.ExternalId == _env.AliceSub).Id, Prop(result, "ClerkUserId"));
    }

    [Fact]
    public void A_wrong_password_fails_in_Cognito_and_Clerk_is_not_asked_so_the_lockout_count_grows_by_one()
    {
        long before = VerifyCalls();

        ScriptRun run = _host.Run("Test-ClerkMigratedUser alice " + Common, Vars(WrongPassword));

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        PSObject result = Assert.Single(run.Output);
        Assert.Equal("WrongPassword", Prop(result, "CognitoStatus")!.ToString());
        Assert.Equal("NotRun", Prop(result, "ClerkStatus")!.ToString());
        Assert.False((bool)Prop(result, "Passed")!);
        Assert.Equal(before, VerifyCalls());
    }

    [Fact]
    public void A_FORCE_CHANGE_PASSWORD_user_is_reported_with_the_challenge_Clerk_cannot_answer()
    {
        ScriptRun run = _host.Run("Test-ClerkMigratedUser frank " + Common, Vars(ReadinessEnvironment.FrankTemporaryPassword));

        Assert.Null(run.Terminating);
        PSObject result = Assert.Single(run.Output);
        Assert.Equal("Challenge", Prop(result, "CognitoStatus")!.ToString());
        Assert.Equal("NEW_PASSWORD_REQUIRED", Prop(result, "CognitoChallenge"));
        Assert.Contains("NEW_PASSWORD_REQUIRED", (string)Prop(result, "CognitoDetail")!);
        Assert.Equal("IncorrectPassword", Prop(result, "ClerkStatus")!.ToString());
        Assert.False((bool)Prop(result, "Passed")!);
    }

    [Fact]
    public void A_digest_is_tested_with_its_own_pool_client_and_identifier_and_finds_the_Clerk_user_by_external_id()
    {
        ScriptRun run = _host.Run(
            "Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Filter 'username = \"alice\"' | ConvertTo-ClerkCognitoDigest -ClientId $client | " +
            "Test-ClerkMigratedUser -Password $password -SecretKey $key -ApiUrl $api -EndpointUrl $endpoint",
            Vars(ReadinessEnvironment.AlicePassword));

        Assert.Null(run.Terminating);
        Assert.Empty(run.Errors);
        PSObject result = Assert.Single(run.Output);
        Assert.Equal("alice", Prop(result, "Identifier"));
        Assert.Equal(_env.PublicClientId, Prop(result, "ClientId"));
        Assert.Equal(_env.AliceSub, Prop(result, "ExternalId"));
        Assert.True((bool)Prop(result, "Passed")!, (string)Prop(result, "CognitoDetail")! + " / " + (string)Prop(result, "ClerkDetail")!);
    }

    [Fact]
    public void Cognito_users_from_the_pipeline_use_the_identifier_the_digest_would_hold()
    {
        ScriptRun run = _host.Run(
            "Get-CognitoMigrationUser -UserPoolId $pool -EndpointUrl $endpoint -Filter 'username = \"alice\"' | Test-ClerkMigratedUser " + Common + " -IdentifierSource Auto -Verbose",
            Vars(ReadinessEnvironment.AlicePassword));

        PSObject result = Assert.Single(run.Output);
        Assert.Equal("alice", Prop(result, "Identifier"));
        Assert.Equal("Authenticated", Prop(result, "CognitoStatus")!.ToString());
        Assert.Contains(run.Verbose, v => v.StartsWith("Auto chose Username", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_Clerk_key_only_the_Cognito_step_runs()
    {
        ScriptRun run = _host.Run("Test-ClerkMigratedUser alice -UserPoolId $pool -ClientId $client -EndpointUrl $endpoint -Password $password", Vars(ReadinessEnvironment.AlicePassword, withKey: false));

        PSObject result = Assert.Single(run.Output);
        Assert.Equal("Authenticated", Prop(result, "CognitoStatus")!.ToString());
        Assert.Equal("NotRun", Prop(result, "ClerkStatus")!.ToString());
        Assert.True((bool)Prop(result, "Passed")!);
    }

    [Fact]
    public void A_user_not_yet_in_Clerk_passes_the_Cognito_step_and_is_reported_as_not_in_Clerk()
    {
        ScriptRun run = _host.Run("Test-ClerkMigratedUser gina " + Common, Vars(ReadinessEnvironment.GinaPassword));

        Assert.Empty(run.Errors);
        PSObject result = Assert.Single(run.Output);
        Assert.Equal("Authenticated", Prop(result, "CognitoStatus")!.ToString());
        Assert.Equal("UserNotInClerk", Prop(result, "ClerkStatus")!.ToString());
        Assert.True((bool)Prop(result, "Passed")!);
    }

    [Fact]
    public void A_refused_Clerk_key_stops_the_cmdlet_once_and_is_never_written()
    {
        var vars = Vars(ReadinessEnvironment.AlicePassword);
        vars["key"] = ReadinessEnvironment.Secure(WrongKey);

        ScriptRun run = _host.Run("try { 'alice', 'frank' | Test-ClerkMigratedUser " + Common + " } catch { $_.FullyQualifiedErrorId }", vars);

        Assert.StartsWith("ClerkAuthenticationFailed", (string)Assert.Single(run.Output).BaseObject);
        Assert.DoesNotContain(WrongKey, run.AllText());
    }

    [Fact]
    public void An_app_client_that_does_not_exist_stops_the_cmdlet_once()
    {
        var vars = Vars(ReadinessEnvironment.AlicePassword);
        vars["client"] = "nosuchclient0000000000000";

        ScriptRun run = _host.Run("try { 'alice', 'frank' | Test-ClerkMigratedUser " + Common + " } catch { $_.FullyQualifiedErrorId }", vars);

        Assert.StartsWith("CognitoAppClientNotFound", (string)Assert.Single(run.Output).BaseObject);
    }

    [Fact]
    public void Without_a_client_id_the_cmdlet_stops_once()
    {
        ScriptRun run = _host.Run("try { Test-ClerkMigratedUser alice -UserPoolId $pool -EndpointUrl $endpoint -Password $password } catch { $_.FullyQualifiedErrorId }", Vars("x"));

        Assert.StartsWith("ClientIdMissing", (string)Assert.Single(run.Output).BaseObject);
    }

    [Fact]
    public void A_digest_that_is_not_awscognito_is_a_non_terminating_error_and_the_next_user_goes_on()
    {
        ScriptRun run = _host.Run(
            "@([pscustomobject]@{ password_digest = 'bcrypt$2a$10$abc' }, 'alice') | Test-ClerkMigratedUser " + Common,
            Vars(ReadinessEnvironment.AlicePassword));

        Assert.Null(run.Terminating);
        Assert.StartsWith("PasswordDigestNotAwsCognito", Assert.Single(run.Errors).FullyQualifiedErrorId);
        Assert.Equal("Authenticated", Prop(Assert.Single(run.Output), "CognitoStatus")!.ToString());
    }

    [Fact]
    public void The_password_and_the_secret_key_appear_in_no_stream()
    {
        const string unknownPassword = "Unseen#Marker-Pass-4412";
        var runs = new List<ScriptRun>
        {
            _host.Run("Test-ClerkMigratedUser alice " + Common + " -Verbose -Debug -InformationAction Continue", Vars(ReadinessEnvironment.AlicePassword)),
            _host.Run("Test-ClerkMigratedUser alice " + Common + " -Verbose -Debug", Vars(unknownPassword)),
            _host.Run("Test-ClerkMigratedUser frank " + Common + " -Verbose -Debug", Vars(ReadinessEnvironment.FrankTemporaryPassword)),
            _host.Run("try { 'alice' | Test-ClerkMigratedUser " + Common + " -SecretKey $wrongkey -Verbose -Debug } catch { $_ }", WithWrongKey(Vars(ReadinessEnvironment.AlicePassword))),
            _host.Run("try { Test-ClerkMigratedUser alice " + Common + " -ClientId nosuchclient0000000000000 -Verbose -Debug } catch { $_ }", Vars(ReadinessEnvironment.AlicePassword)),
            _host.Run("Test-CognitoMigrationReadiness -UserPoolId $pool -ClientId $client -EndpointUrl $endpoint -SecretKey $key -ApiUrl $api -Verbose -Debug", Vars(ReadinessEnvironment.AlicePassword)),
        };

        Assert.Contains(runs[0].Verbose, v => v.Length > 0);
        Assert.Contains(runs[3].Output, o => o.BaseObject is ErrorRecord);
        Assert.Contains(runs[4].Output, o => o.BaseObject is ErrorRecord);
        foreach (ScriptRun run in runs)
        {
            string text = run.AllText();
            Assert.DoesNotContain(ReadinessEnvironment.AlicePassword, text);
            Assert.DoesNotContain(ReadinessEnvironment.FrankTemporaryPassword, text);
            Assert.DoesNotContain(unknownPassword, text);
            Assert.DoesNotContain(_env.SecretKeyText, text);
            Assert.DoesNotContain(WrongKey, text);
            AwsTestCredentials.AssertNoSecretIn(run);
        }
    }

    [Fact]
    public void The_help_markdown_documents_exactly_the_cmdlets_parameters() =>
        HelpMarkdown.AssertDocumentsParameters(_host, "Test-ClerkMigratedUser");
}

/// <summary>-WhatIf and -Confirm, where the fake Cognito counts the sign-ins.</summary>
public sealed class TestClerkMigratedUserWhatIfTests : IAsyncLifetime
{
    private const string PoolId = "us-east-1_WhatIf001";
    private const string ClientId = "whatifclient00000000000001";

    private FakeCognitoServer _cognito = null!;
    private EnvironmentScope _environment = null!;
    private ModuleHost _host = null!;

    public async Task InitializeAsync()
    {
        _environment = AwsTestCredentials.Environment().Set("CLERK_SECRET_KEY", null).Set("CLERK_API_URL", null);
        _cognito = await FakeCognitoServer.StartAsync();
        _cognito.AddPool(PoolId, new[] { new FakeCognitoUser("alice") { Password = "Alice#Pass-7d3e" }.With("sub", "sub-alice") });
        _cognito.AddAppClient(PoolId, ClientId);
        _host = new ModuleHost();
    }

    public async Task DisposeAsync()
    {
        _host.Dispose();
        await _cognito.DisposeAsync();
        _environment.Dispose();
    }

    private ScriptRun Run(string switches) => _host.Run(
        "Test-ClerkMigratedUser alice -UserPoolId $pool -ClientId $client -EndpointUrl $endpoint -Password $password " + switches,
        new Dictionary<string, object?>
        {
            ["pool"] = PoolId,
            ["client"] = ClientId,
            ["endpoint"] = _cognito.EndpointUrl,
            ["password"] = ReadinessEnvironment.Secure("Alice#Pass-7d3e"),
        });

    [Fact]
    public void WhatIf_attempts_no_sign_in_and_writes_nothing()
    {
        ScriptRun run = Run("-WhatIf");

        Assert.Null(run.Terminating);
        Assert.Empty(run.Output);
        Assert.Equal(0, _cognito.Counters.Calls("InitiateAuth"));
    }

    [Fact]
    public void Without_WhatIf_exactly_one_sign_in_is_made_and_it_is_unsigned()
    {
        ScriptRun run = Run(string.Empty);

        Assert.Equal("Authenticated", Assert.Single(run.Output).Properties["CognitoStatus"].Value.ToString());
        Assert.Equal(1, _cognito.Counters.Calls("InitiateAuth"));
        Assert.Equal(0, _cognito.Counters.SignatureViolations);
    }

    [Fact]
    public void The_cmdlet_supports_ShouldProcess_with_low_impact()
    {
        var info = _host.Invoke("$c = Get-Command Test-ClerkMigratedUser; $c.Parameters.ContainsKey('WhatIf'); $c.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact.ToString()");

        Assert.Equal(true, info[0].BaseObject);
        Assert.Equal("Low", info[1].BaseObject);
    }
}
