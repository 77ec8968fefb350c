namespace CognitoClerk.Emulators;

/// <summary>An app client of a <see cref="FakeCognitoServer"/> pool.</summary>
public sealed class FakeCognitoAppClient
{
    public FakeCognitoAppClient(string userPoolId, string clientId)
    {
        UserPoolId = userPoolId;
        ClientId = clientId;
        ClientName = "client-" + clientId;
    }

    public string UserPoolId { get; }

    public string ClientId { get; }

    public string ClientName { get; set; }

    /// <summary>Null for a public client.</summary>
    public string? ClientSecret { get; set; }

    public List<string> ExplicitAuthFlows { get; } = new() { "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH" };

    public string PreventUserExistenceErrors { get; set; } = "LEGACY";
}
