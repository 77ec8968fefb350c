using System.Text.Json;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Cutover;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Tests.Cutover;

/// <summary>Cognito users, the mapping's options, and a Clerk emulator holding users migrated from them.</summary>
internal static class CutoverFixtures
{
    public const string Pool = "us-east-1_CutOver01";
    public const string OtherPool = "us-east-1_OtherPool";
    public const string Client = "1example23456789abcdefghij";

    public static DigestOptions Options() => new() { ClientId = Client, UserPoolId = Pool, IdentifierSource = IdentifierSource.Username };

    public static CognitoUser User(string username, int n, string? email = null, string? given = null, string? family = null, bool enabled = true, string status = CognitoUserStatus.Confirmed, string? phone = null)
    {
        var attributes = new List<KeyValuePair<string, string?>>
        {
            new("sub", Sub(n)),
            new("email", email ?? username + "@example.com"),
            new("email_verified", "true"),
            new("given_name", given ?? "Given" + n),
            new("family_name", family ?? "Family" + n),
        };
        if (phone != null)
        {
            attributes.Add(new("phone_number", phone));
            attributes.Add(new("phone_number_verified", "true"));
        }

        return new CognitoUser(username, attributes) { UserStatus = status, Enabled = enabled, UserPoolId = Pool };
    }

    public static string Sub(int n) => $"{n:D8}-0000-4000-8000-000000000000";

    /// <summary>The user migrated into Clerk exactly as New-ClerkMigratedUser would have created them; returns the Clerk id.</summary>
    public static string Migrate(ClerkEmulator clerk, CognitoUser user)
    {
        DigestResult digest = CognitoDigestMapper.Map(user, Options());
        return clerk.AddUser(JsonSerializer.Serialize(digest.Request, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
    }

    public static CognitoUser With(CognitoUser user, string name, string? value, bool? enabled = null)
    {
        var attributes = user.Attributes.Where(a => a.Key != name).ToList();
        if (value != null)
        {
            attributes.Add(new(name, value));
        }

        return new CognitoUser(user.Username, attributes) { UserStatus = user.UserStatus, Enabled = enabled ?? user.Enabled, UserPoolId = user.UserPoolId };
    }

    public static async Task<List<MigrationStatusEntry>> StatusAsync(IClerkBackendApi api, IEnumerable<CognitoUser> users, MigrationStatusOptions? options = null)
    {
        using var runner = new MigrationStatusRunner(api, options ?? new MigrationStatusOptions(Options()) { LookupLinger = TimeSpan.FromMilliseconds(20) });
        var entries = new List<MigrationStatusEntry>();
        foreach (CognitoUser user in users)
        {
            while (!runner.TryPost(user, user.Username))
            {
                Take(runner, entries);
            }
        }

        runner.Complete();
        while (!runner.IsFinished)
        {
            Take(runner, entries);
        }

        return entries;
    }

    public static SyncRow Row(MigrationStatusEntry entry) => new()
    {
        State = entry.State,
        Username = entry.Username,
        UserPoolId = entry.UserPoolId,
        ExternalId = entry.ExternalId,
        ClerkUserId = entry.ClerkUserId,
        CognitoEnabled = entry.CognitoEnabled,
        LastSignInAt = entry.LastSignInAt,
        ClerkBanned = entry.ClerkBanned,
        ClerkLocked = entry.ClerkLocked,
        ModuleRestriction = entry.ModuleRestriction,
        Changes = entry.Differences.Select(d => d.Field).ToList(),
        Reason = entry.Reason,
        CognitoUser = entry.CognitoUser,
    };

    private static void Take(MigrationStatusRunner runner, List<MigrationStatusEntry> into)
    {
        if (runner.TryTakeEntry(TimeSpan.FromMilliseconds(50), CancellationToken.None, out MigrationStatusEntry? entry))
        {
            into.Add(entry!);
        }
    }
}

/// <summary>A Cognito pool in memory that answers ListUsers with a sub filter, for the exact checks of the deleted scan.</summary>
internal sealed class SubLookupCognito(IEnumerable<CognitoUser> users) : ICognitoIdentityProvider
{
    private readonly List<CognitoUser> _users = users.ToList();

    public List<string> Filters { get; } = new();

    public Task<CognitoUserPage> ListUsersAsync(string userPoolId, string? filter, string? paginationToken, CancellationToken cancellationToken)
    {
        Filters.Add(filter ?? string.Empty);
        string? sub = filter?.StartsWith("sub = \"", StringComparison.Ordinal) == true ? filter[7..^1] : null;
        var page = new CognitoUserPage(_users.Where(u => sub == null || u.GetAttribute("sub") == sub).ToList(), null);
        return Task.FromResult(page);
    }

    public Task<CognitoUserPool> DescribeUserPoolAsync(string userPoolId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CognitoUserPoolClient> DescribeUserPoolClientAsync(string userPoolId, string clientId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CognitoPasswordCheck> CheckPasswordAsync(string clientId, string username, string password, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CognitoGroupPage> ListGroupsAsync(string userPoolId, string? nextToken, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<CognitoUserPage> ListUsersInGroupAsync(string userPoolId, string groupName, string? nextToken, CancellationToken cancellationToken) => throw new NotSupportedException();
}
