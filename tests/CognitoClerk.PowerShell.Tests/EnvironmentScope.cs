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

    /// <summary>
    /// One folder for the shared AWS config and credentials files for the whole test process, empty unless a
    /// test writes a file there: AWSSDK.Core reads AWS_CONFIG_FILE once per process and keeps the path.
    /// </summary>
    public static string AwsSharedFolder { get; } =
        Path.Combine(Path.GetTempPath(), "cognitoclerk-aws-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string AwsConfigFile => Path.Combine(AwsSharedFolder, "config");

    public static string AwsCredentialsFile => Path.Combine(AwsSharedFolder, "credentials");

    /// <summary>Clears every AWS variable, points the shared files at an empty folder and disables instance metadata.</summary>
    public static EnvironmentScope IsolatedAws()
    {
        var scope = new EnvironmentScope();
        foreach (string name in AwsVariables)
        {
            scope.Set(name, null);
        }

        Directory.CreateDirectory(AwsSharedFolder);
        File.Delete(AwsConfigFile);
        File.Delete(AwsCredentialsFile);
        scope.Set("AWS_SHARED_CREDENTIALS_FILE", AwsCredentialsFile);
        scope.Set("AWS_CONFIG_FILE", AwsConfigFile);

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
        File.Delete(AwsConfigFile);
        File.Delete(AwsCredentialsFile);
        foreach (KeyValuePair<string, string?> pair in _previous)
        {
            Environment.SetEnvironmentVariable(pair.Key, pair.Value);
        }
    }
}
