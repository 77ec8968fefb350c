namespace CognitoClerk.PowerShell.Tests;

/// <summary>Recognisable fake AWS keys: tests set them in the environment and check they never reach a stream.</summary>
public static class AwsTestCredentials
{
    public const string AccessKeyId = "AKIDPSHOSTTEST";

    public static readonly string SecretAccessKey = "SecretMarker" + Guid.NewGuid().ToString("N");

    public static readonly string SessionToken = "SessionMarker" + Guid.NewGuid().ToString("N");

    /// <summary>Isolated AWS environment with the fake keys (and a session token) as the default credentials.</summary>
    public static EnvironmentScope Environment() =>
        EnvironmentScope.IsolatedAws()
            .Set("AWS_ACCESS_KEY_ID", AccessKeyId)
            .Set("AWS_SECRET_ACCESS_KEY", SecretAccessKey)
            .Set("AWS_SESSION_TOKEN", SessionToken);

    public static void AssertNoSecretIn(ScriptRun run)
    {
        string text = run.AllText();
        Xunit.Assert.DoesNotContain(SecretAccessKey, text);
        Xunit.Assert.DoesNotContain(SessionToken, text);
    }
}
