using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Tests.Readiness;

/// <summary>An in-memory Cognito that answers from what a test put in, and records what it was asked.</summary>
internal sealed class FakeCognito : ICognitoIdentityProvider
{
    public CognitoUserPool? Pool { get; set; }

    public Exception? PoolFailure { get; set; }

    public CognitoUserPoolClient? Client { get; set; }

    public Exception? ClientFailure { get; set; }

    public Func<string, string, string, CognitoPasswordCheck>? SignIn { get; set; }

    public List<string> Calls { get; } = new();

    public List<CognitoUser> Users { get; } = new();

    public Exception? ListFailure { get; set; }

    /// <summary>Understands only the one filter shape the validator sends: attr = "value".</summary>
    public Task<CognitoUserPage> ListUsersAsync(string userPoolId, string? filter, string? paginationToken, CancellationToken cancellationToken)
    {
        Calls.Add("ListUsers " + filter);
        if (ListFailure != null) throw ListFailure;
        var match = System.Text.RegularExpressions.Regex.Match(filter ?? string.Empty, "^(\\S+) = \"(.*)\"$");
        string attribute = match.Groups[1].Value;
        string value = match.Groups[2].Value;
        var found = Users.Where(u => attribute == "username" ? u.Username == value : u.GetAttribute(attribute) == value).ToList();
        return Task.FromResult(new CognitoUserPage(found, null));
    }

    public Task<CognitoGroupPage> ListGroupsAsync(string userPoolId, string? nextToken, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The readiness checks and the validator never read groups.");

    public Task<CognitoUserPage> ListUsersInGroupAsync(string userPoolId, string groupName, string? nextToken, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The readiness checks and the validator never read groups.");

    public Task<CognitoUserPool> DescribeUserPoolAsync(string userPoolId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add("DescribeUserPool " + userPoolId);
        if (PoolFailure != null) throw PoolFailure;
        return Task.FromResult(Pool ?? throw new CognitoServiceException("DescribeUserPool", 400, "ResourceNotFoundException", "User pool does not exist."));
    }

    public Task<CognitoUserPoolClient> DescribeUserPoolClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add($"DescribeUserPoolClient {userPoolId} {clientId}");
        if (ClientFailure != null) throw ClientFailure;
        return Task.FromResult(Client ?? throw new CognitoServiceException("DescribeUserPoolClient", 400, "ResourceNotFoundException", "User pool client does not exist."));
    }

    public Task<CognitoPasswordCheck> CheckPasswordAsync(string clientId, string username, string password, CancellationToken cancellationToken)
    {
        Calls.Add($"InitiateAuth {clientId} {username}");
        return Task.FromResult(SignIn!(clientId, username, password));
    }
}

/// <summary>An in-memory Clerk Backend API.</summary>
internal sealed class FakeClerk : IClerkBackendApi
{
    public ClerkInstanceInfo? Instance { get; set; }

    public Exception? InstanceFailure { get; set; }

    public List<ClerkUser> Users { get; } = new();

    public Func<string, string, bool>? Verify { get; set; }

    public Exception? VerifyFailure { get; set; }

    public List<string> Calls { get; } = new();

    public Task<ClerkInstanceInfo> GetInstanceAsync(CancellationToken cancellationToken)
    {
        Calls.Add("GetInstance");
        if (InstanceFailure != null) throw InstanceFailure;
        return Task.FromResult(Instance!);
    }

    public Task<int> GetRequestsPer10SecondsAsync(CancellationToken cancellationToken) => Task.FromResult(Instance?.DocumentedRequestsPer10Seconds ?? 100);

    public Task<ClerkUser> CreateUserAsync(ClerkCreateUserRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ClerkUser>> FindUsersByExternalIdAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken)
    {
        Calls.Add("FindByExternalId " + string.Join(",", externalIds));
        return Task.FromResult<IReadOnlyList<ClerkUser>>(Users.Where(u => u.ExternalId != null && externalIds.Contains(u.ExternalId)).ToList());
    }

    public Task<IReadOnlyList<ClerkUser>> FindUsersByIdentifierAsync(IReadOnlyCollection<string> emailAddresses, IReadOnlyCollection<string> phoneNumbers, CancellationToken cancellationToken)
    {
        Calls.Add($"FindByIdentifier {string.Join(",", emailAddresses)} {string.Join(",", phoneNumbers)}");
        return Task.FromResult<IReadOnlyList<ClerkUser>>(Users
            .Where(u => u.EmailAddresses.Any(emailAddresses.Contains) || u.PhoneNumbers.Any(phoneNumbers.Contains))
            .ToList());
    }

    public Task<IReadOnlyList<ClerkUser>> FindUsersByIdAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The readiness checks and the validator never look users up by id.");

    public Task<ClerkDeleteResult> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The readiness checks and the validator never delete.");

    public Task<bool> VerifyPasswordAsync(string userId, string password, CancellationToken cancellationToken)
    {
        Calls.Add("VerifyPassword " + userId);
        if (VerifyFailure != null) throw VerifyFailure;
        return Task.FromResult(Verify!(userId, password));
    }

    // The cutover's calls: readiness and validation never make them.
    public Task<ClerkUser?> GetUserAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<ClerkUser>> ListUsersAsync(string? startingAfter, int limit, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ClerkUser> UpdateUserAsync(string userId, ClerkUpdateUserRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ClerkUser> UpdateUserMetadataAsync(string userId, System.Text.Json.Nodes.JsonObject? publicMetadata, System.Text.Json.Nodes.JsonObject? privateMetadata, System.Text.Json.Nodes.JsonObject? unsafeMetadata, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ClerkIdentification> CreateEmailAddressAsync(string userId, string emailAddress, bool verified, bool primary, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ClerkIdentification> CreatePhoneNumberAsync(string userId, string phoneNumber, bool verified, bool primary, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DeleteEmailAddressAsync(string emailAddressId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> DeletePhoneNumberAsync(string phoneNumberId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ClerkUser> BanUserAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ClerkUser> LockUserAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ClerkUser> UnbanUserAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ClerkUser> UnlockUserAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();

}

internal static class Pools
{
    public const string PoolId = "eu-west-1_AbCdEf123";
    public const string ClientId = "1example23456789abcdefghij";

    public static CognitoUserPool UsernamePool(string? mfa = "OFF") => new()
    {
        Id = PoolId,
        Name = "customers",
        EstimatedNumberOfUsers = 42,
        UsernameCaseSensitive = false,
        MfaConfiguration = mfa,
    };

    public static CognitoUserPool EmailAsUsernamePool() => new()
    {
        Id = PoolId,
        Name = "customers",
        EstimatedNumberOfUsers = 42,
        UsernameAttributes = new[] { "email" },
        MfaConfiguration = "OFF",
    };

    public static CognitoUserPool AliasPool(params string[] aliases) => new()
    {
        Id = PoolId,
        Name = "customers",
        EstimatedNumberOfUsers = 42,
        AliasAttributes = aliases,
        UsernameCaseSensitive = true,
        MfaConfiguration = "OFF",
    };

    public static CognitoUserPoolClient PublicClient(params string[] flows) => new()
    {
        ClientId = ClientId,
        ClientName = "web app",
        HasClientSecret = false,
        ExplicitAuthFlows = flows,
        PreventUserExistenceErrors = "ENABLED",
    };

    public static CognitoClerk.Engine.Readiness.MigrationReadinessRequest Request(string? clientId = ClientId) => new()
    {
        UserPoolId = PoolId,
        ClientId = clientId,
        Region = "eu-west-1",
        ClerkApiUrl = "https://api.clerk.com",
    };
}
