namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// Sets process environment variables for one test and puts the previous values back on dispose.
/// Module tests run one at a time (see AssemblyInfo), so this is safe.
/// </summary>
public sealed class EnvironmentScope : IDisposable
{
    /// <summary>Every variable through which the AWS SDK could find credentials, a region or an endpoint.</summary>
    public static readonly string[] AwsVariables =
    {
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
        "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED",
        "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", "COGNITO_USER_POOL_ID", "COGNITO_CLIENT_ID",
    };

    private readonly Dictionary<string, string?> _previous = new();

    /// <summary>Clears every AWS variable, points the shared files at nothing and disables instance metadata.</summary>
    public static EnvironmentScope IsolatedAws()
    {
        var scope = new EnvironmentScope();
        foreach (string name in AwsVariables)
        {
            scope.Set(name, null);
        }

        string nowhere = Path.Combine(Path.GetTempPath(), "cognitoclerk-no-aws-" + Guid.NewGuid().ToString("N"));
        scope.Set("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(nowhere, "credentials"));
        scope.Set("AWS_CONFIG_FILE", Path.Combine(nowhere, "config"));

        // The default chain ends at the EC2 metadata service; off EC2 that is a slow way to fail.
        scope.Set("AWS_EC2_METADATA_DISABLED", "true");
        return scope;
    }

    public EnvironmentScope Set(string name, string? value)
    {
        if (!_previous.ContainsKey(name))
        {
            _previous[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable(name, value);
        return this;
    }

    public void Dispose()
    {
        foreach (KeyValuePair<string, string?> pair in _previous)
        {
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }
    }
}
