namespace CognitoClerk.Emulators;

/// <summary>An app client created in cognito-local. <see cref="ClientSecret"/> is for assertions only.</summary>
public sealed class CognitoLocalAppClient
{
    public CognitoLocalAppClient(string userPoolId, string clientId, string? clientSecret)
    {
        UserPoolId = userPoolId;
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    public string UserPoolId { get; }

    public string ClientId { get; }

    public string? ClientSecret { get; }
}
