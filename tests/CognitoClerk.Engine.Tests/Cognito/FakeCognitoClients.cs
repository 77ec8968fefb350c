using Amazon.Runtime;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Tests.Cognito;

/// <summary>Clients wired to an emulator with test credentials and millisecond backoff.</summary>
internal static class FakeCognitoClients
{
    public const string AccessKey = "AKIDENGINETEST";
    public const string SecretKey = "engine/test/secret/key/never/printed";

    public static CognitoConnectionSettings Settings(string endpointUrl, string userPoolId, int maxRetries = 5, TimeSpan? attemptTimeout = null) => new()
    {
        UserPoolId = userPoolId,
        EndpointUrl = endpointUrl,
        Retry = new CognitoRetryOptions { MaxRetryAttempts = maxRetries, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(20) },
        AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(60),
    };

    public static CognitoIdentityProviderClient Create(CognitoConnectionSettings settings, AWSCredentials? credentials = null) =>
        new(settings, credentials ?? new BasicAWSCredentials(AccessKey, SecretKey), null);

    public static CognitoIdentityProviderClient Create(FakeCognitoServer fake, string userPoolId, int maxRetries = 5) =>
        Create(Settings(fake.EndpointUrl, userPoolId, maxRetries));

    public static async Task<List<CognitoUser>> ReadAllAsync(ICognitoIdentityProvider client, string userPoolId, string? filter = null)
    {
        var users = new List<CognitoUser>();
        var reader = new CognitoUserPageReader(client, userPoolId, filter, CognitoConnectionSettings.MaxListUsersPerSecond);
        CognitoUserPage? page;
        while ((page = await reader.ReadNextAsync(CancellationToken.None)) != null)
        {
            users.AddRange(page.Users);
        }

        return users;
    }
}
