using System.Management.Automation;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>Setup errors that must stop the cmdlet once, before any network call.</summary>
public sealed class GetCognitoMigrationUserSetupErrorTests : IDisposable
{
    private readonly EnvironmentScope _environment = EnvironmentScope.IsolatedAws();
    private readonly ModuleHost _host = new();

    public void Dispose()
    {
        _host.Dispose();
        _environment.Dispose();
    }

    private ErrorRecord SetupError(string script)
    {
        ScriptRun run = _host.Run(script);
        AwsTestCredentials.AssertNoSecretIn(run);
        return GetCognitoMigrationUserCognitoLocalTests.TerminatingRecord(run);
    }

    [Fact]
    public void No_pool_id_anywhere()
    {
        ErrorRecord error = SetupError("Get-CognitoMigrationUser");

        Assert.StartsWith("UserPoolIdMissing,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("COGNITO_USER_POOL_ID", error.Exception.Message);
    }

    [Theory]
    [InlineData("us-east-1")]
    [InlineData("us-east-1_abc-123")]
    [InlineData("https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc")]
    public void A_malformed_pool_id(string poolId)
    {
        ErrorRecord error = SetupError($"Get-CognitoMigrationUser -UserPoolId '{poolId}'");

        Assert.StartsWith("UserPoolIdMalformed,", error.FullyQualifiedErrorId);
        Assert.Equal(poolId, error.TargetObject);
    }

    [Fact]
    public void A_malformed_pool_id_from_the_environment()
    {
        _environment.Set("COGNITO_USER_POOL_ID", "not a pool");

        Assert.StartsWith("UserPoolIdMalformed,", SetupError("Get-CognitoMigrationUser").FullyQualifiedErrorId);
    }

    [Fact]
    public void A_plain_http_endpoint_off_the_machine()
    {
        ErrorRecord error = SetupError("Get-CognitoMigrationUser -UserPoolId us-east-1_AbC -EndpointUrl http://cognito.example.com/");

        Assert.StartsWith("CognitoEndpointUrlInvalid,", error.FullyQualifiedErrorId);
    }

    [Fact]
    public void No_credentials_in_the_default_chain()
    {
        // Nothing listens on port 9: if the cmdlet tried to call, the error would be CognitoUnreachable.
        ErrorRecord error = SetupError("Get-CognitoMigrationUser -UserPoolId us-east-1_AbC -EndpointUrl http://127.0.0.1:9/");

        Assert.StartsWith("AwsCredentialsNotFound,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.NotNull(error.ErrorDetails?.RecommendedAction);
    }

    [Fact]
    public void A_profile_that_does_not_exist()
    {
        ErrorRecord error = SetupError("Get-CognitoMigrationUser -UserPoolId us-east-1_AbC -ProfileName no-such-profile -EndpointUrl http://127.0.0.1:9/");

        Assert.StartsWith("AwsCredentialsNotFound,", error.FullyQualifiedErrorId);
        Assert.Contains("no-such-profile", error.Exception.Message);
    }

    [Fact]
    public void An_SSO_profile_is_resolved_through_the_shipped_SSO_assemblies()
    {
        // No cached SSO token exists, so the SDK stops before any network call; what matters is that it got that
        // far: without AWSSDK.SSO/SSOOIDC loadable from the module's Dependencies/ it fails to find the assemblies.
        // The legacy SSO form in the credentials file, because AWSSDK.Core reads the config file once per process
        // (an earlier test's empty one) while the module opens the credentials file afresh on every resolution.
        File.WriteAllText(EnvironmentScope.AwsCredentialsFile,
            "[corp-sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n" +
            "sso_account_id = 123456789012\nsso_role_name = Migrator\nregion = eu-west-1\n");

        ErrorRecord error = SetupError("Get-CognitoMigrationUser -UserPoolId eu-west-1_AbC -ProfileName corp-sso -EndpointUrl http://127.0.0.1:9/");

        Assert.StartsWith("AwsCredentialsNotFound,", error.FullyQualifiedErrorId);
        Assert.Contains("SSO", error.Exception.Message);
        Assert.DoesNotContain("could not be found or loaded", error.Exception.ToString());
        Assert.DoesNotContain("was not found in the shared config", error.Exception.Message);
    }
}
