using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.PowerShell.Tests;

/// <summary>
/// One cognito-local pool for the carry-and-undo tests: confirmed users with custom attributes in three groups
/// (admins with precedence 1, editors with 5, members with none, so it sorts last), users in no group, two disabled
/// users, and one user whose custom attributes make more than Clerk's 8 KB of metadata. Passwords are fresh and
/// random per run. What each Clerk user's metadata must be is computed here, from the seed, by the documented rules.
/// </summary>
public sealed class CarryAndUndoPool : IAsyncLifetime
{
    public const int ConfirmedCount = 20;

    /// <summary>The groups as created, in an order unlike the one users get them in.</summary>
    public static readonly (string Name, int? Precedence)[] Groups = { ("members", null), ("editors", 5), ("admins", 1) };

    private static readonly string[] Tenants = { "acme", "globex", "initech" };

    public CognitoLocalServer Cognito { get; private set; } = null!;

    public string PoolId { get; private set; } = null!;

    public CognitoLocalAppClient Client { get; private set; } = null!;

    public List<PoolUser> Users { get; } = new();

    public IEnumerable<PoolUser> Confirmed => Users.Where(u => u.Enabled && !u.OverMetadataLimit);

    public PoolUser Big => Users.Single(u => u.OverMetadataLimit);

    public IEnumerable<PoolUser> Disabled => Users.Where(u => !u.Enabled);

    public async Task InitializeAsync()
    {
        Cognito = await CognitoLocalServer.StartAsync();
        PoolId = await Cognito.CreateUserPoolAsync("carry-and-undo");
        Client = await Cognito.CreateUserPoolClientAsync(PoolId, "clerk-migration");
        foreach ((string name, int? precedence) in Groups)
        {
            await Cognito.CreateGroupAsync(PoolId, name, precedence);
        }

        for (int i = 0; i < ConfirmedCount; i++)
        {
            var user = new PoolUser($"user{i:D2}", NewPassword(), enabled: true);
            user.Custom["custom:tenant"] = Tenants[i % Tenants.Length];
            if (i % 2 == 0)
            {
                user.Custom["custom:plan"] = i % 4 == 0 ? "gold" : "free";
            }

            if (i % 5 == 0)
            {
                user.Custom["custom:customer_id"] = "C-" + (1000 + i);
            }

            // Some in all three groups, some in one or two, some (i % 12 is 1, 5, 7 or 11) in none.
            if (i % 4 == 0) user.Groups.Add("admins");
            if (i % 3 == 0) user.Groups.Add("editors");
            if (i % 2 == 0) user.Groups.Add("members");
            Users.Add(user);
        }

        for (int i = 0; i < 2; i++)
        {
            var disabled = new PoolUser($"disabled{i}", NewPassword(), enabled: false);
            disabled.Custom["custom:tenant"] = "acme";
            disabled.Groups.Add("editors");
            Users.Add(disabled);
        }

        // Four attributes of Cognito's longest custom value: more than 8 KB of metadata together.
        var big = new PoolUser("bigmeta", NewPassword(), enabled: true) { OverMetadataLimit = true };
        for (int n = 1; n <= 4; n++)
        {
            big.Custom[$"custom:note{n}"] = new string((char)('a' + n), 2048);
        }

        Users.Add(big);

        await Cognito.SeedAsync(PoolId, Users.Select(u =>
        {
            var seed = new CognitoLocalSeedUser(u.Username, u.Password) { Enabled = u.Enabled }
                .With("email", u.Username + "@example.com")
                .With("email_verified", "true")
                .With("given_name", "Given " + u.Username);
            foreach (KeyValuePair<string, string> custom in u.Custom)
            {
                seed.With(custom.Key, custom.Value);
            }

            foreach (string group in u.Groups)
            {
                seed.InGroup(group);
            }

            return seed;
        }));

        JsonElement answer = await Cognito.CallAsync("ListUsers", new Dictionary<string, object> { ["UserPoolId"] = PoolId });
        foreach (JsonElement listed in answer.GetProperty("Users").EnumerateArray())
        {
            PoolUser user = Users.Single(u => u.Username == listed.GetProperty("Username").GetString());
            user.Sub = listed.GetProperty("Attributes").EnumerateArray()
                .Single(a => a.GetProperty("Name").GetString() == "sub").GetProperty("Value").GetString()!;
        }
    }

    public async Task DisposeAsync()
    {
        if (Cognito != null)
        {
            await Cognito.DisposeAsync();
        }
    }

    /// <summary>Environment variables pointing the module at this pool and at <paramref name="clerk"/>.</summary>
    public EnvironmentScope Environment(ClerkEmulator clerk) =>
        AwsTestCredentials.Environment()
            .Set("COGNITO_USER_POOL_ID", PoolId)
            .Set("COGNITO_CLIENT_ID", Client.ClientId)
            .Set("CLERK_SECRET_KEY", clerk.Options.SecretKey)
            .Set("CLERK_API_URL", clerk.BaseUrl)
            .Set("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", Cognito.EndpointUrl);

    /// <summary>A Clerk emulator that checks awscognito passwords against this pool.</summary>
    public Task<ClerkEmulator> StartClerkAsync(string instanceId) =>
        ClerkEmulator.StartAsync(new ClerkEmulatorOptions
        {
            SecretKey = "sk_" + "test_carry" + Guid.NewGuid().ToString("N"),
            CognitoEndpoint = Cognito.Endpoint,
            EnvironmentType = "production",
            InstanceId = instanceId,
        });

    /// <summary>
    /// The metadata the rules give <paramref name="user"/>: the three objects as Clerk should hold them. With a map,
    /// each mapped source moves to its place (given here as root and path) and leaves its default place.
    /// </summary>
    public (JsonObject Public, JsonObject Private, JsonObject Unsafe) ExpectedMetadata(PoolUser user, IReadOnlyDictionary<string, (string Root, string[] Path)>? map = null)
    {
        map ??= new Dictionary<string, (string, string[])>();
        var roots = new Dictionary<string, JsonObject>
        {
            ["public_metadata"] = new(), ["private_metadata"] = new(), ["unsafe_metadata"] = new(),
        };
        var record = new JsonObject { ["username"] = user.Username, ["user_pool_id"] = PoolId };
        var custom = new JsonObject();
        foreach (KeyValuePair<string, string> attribute in user.Custom)
        {
            if (map.TryGetValue(attribute.Key, out var place))
            {
                Put(roots[place.Root], place.Path, JsonValue.Create(attribute.Value));
            }
            else
            {
                custom[attribute.Key.Substring("custom:".Length)] = attribute.Value;
            }
        }

        if (custom.Count > 0)
        {
            record["custom_attributes"] = custom;
        }

        roots["private_metadata"]["cognito"] = record;
        string[] ordered = Groups.OrderBy(g => g.Precedence ?? int.MaxValue).ThenBy(g => g.Name, StringComparer.Ordinal)
            .Select(g => g.Name).Where(user.Groups.Contains).ToArray();
        if (ordered.Length > 0)
        {
            var list = new JsonArray(ordered.Select(g => (JsonNode)JsonValue.Create(g)!).ToArray());
            if (map.TryGetValue("groups", out var place))
            {
                Put(roots[place.Root], place.Path, list);
            }
            else
            {
                roots["public_metadata"]["cognito_groups"] = list;
            }
        }

        return (roots["public_metadata"], roots["private_metadata"], roots["unsafe_metadata"]);
    }

    /// <summary>Clerk's metadata of <paramref name="clerkUser"/> equals what the rules give: every key, no more.</summary>
    public void AssertMetadata(PoolUser user, ClerkEmulatorUser clerkUser, IReadOnlyDictionary<string, (string Root, string[] Path)>? map = null)
    {
        (JsonObject expectedPublic, JsonObject expectedPrivate, JsonObject expectedUnsafe) = ExpectedMetadata(user, map);
        AssertJsonEqual(user.Username + " public_metadata", expectedPublic, clerkUser.PublicMetadataJson);
        AssertJsonEqual(user.Username + " private_metadata", expectedPrivate, WithoutAccessRecord(user, WithoutImportRecord(user.Username, expectedPublic, expectedPrivate, expectedUnsafe, clerkUser.PrivateMetadataJson)));
        AssertJsonEqual(user.Username + " unsafe_metadata", expectedUnsafe, clerkUser.UnsafeMetadataJson);
    }

    /// <summary>
    /// Checks the import record the migration keeps beside the metadata (private_metadata.cognito.imported: a
    /// 12-character hash of each value sent, by dotted path, read by the cutover) covers exactly the metadata leaves
    /// expected, then returns the private metadata without it for the exact comparison.
    /// </summary>
    private static string WithoutImportRecord(string username, JsonObject expectedPublic, JsonObject expectedPrivate, JsonObject expectedUnsafe, string? actualJson)
    {
        JsonObject actual = JsonNode.Parse(actualJson ?? "{}")?.AsObject() ?? new JsonObject();
        JsonObject? record = actual["cognito"]?["imported"] as JsonObject;
        Assert.True(record != null, $"{username}: no import record in {actualJson}");
        var leaves = new Dictionary<string, string>(StringComparer.Ordinal);
        Leaves("public_metadata", expectedPublic, leaves);
        Leaves("private_metadata", expectedPrivate, leaves);
        Leaves("unsafe_metadata", expectedUnsafe, leaves);
        leaves.Remove("private_metadata.cognito.username");
        leaves.Remove("private_metadata.cognito.user_pool_id");
        var recorded = record!.Where(field => field.Key.Contains('.')).ToDictionary(field => field.Key, field => field.Value!.GetValue<string>());
        Assert.Equal(leaves.Keys.Order(StringComparer.Ordinal), recorded.Keys.Order(StringComparer.Ordinal));
        foreach (KeyValuePair<string, string> leaf in leaves)
        {
            byte[] digest = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(leaf.Value));
            Assert.Equal(Convert.ToBase64String(digest, 0, 9).Replace('+', '-').Replace('/', '_'), recorded[leaf.Key]);
        }

        actual["cognito"]!.AsObject().Remove("imported");
        return actual.ToJsonString();
    }

    /// <summary>
    /// Checks that a user disabled in Cognito (created banned) carries the module's record of that ban, so a sync lifts it
    /// once Cognito enables them, and that nobody else carries one; returns the private metadata without it.
    /// </summary>
    private static string WithoutAccessRecord(PoolUser user, string actualJson)
    {
        JsonObject actual = JsonNode.Parse(actualJson)!.AsObject();
        JsonNode? record = actual["cognito"]?["access"];
        if (user.Enabled)
        {
            Assert.True(record == null, $"{user.Username}: enabled, yet an access record in {actualJson}");
            return actualJson;
        }

        Assert.True(record != null, $"{user.Username}: created banned without the access record in {actualJson}");
        Assert.Equal(
            new[] { ("change", "ban"), ("reason", "disabled_in_cognito") },
            record!.AsObject().Select(p => (p.Key, p.Value!.GetValue<string>())).OrderBy(p => p.Key, StringComparer.Ordinal));
        actual["cognito"]!.AsObject().Remove("access");
        return actual.ToJsonString();
    }

    private static void Leaves(string path, JsonObject node, Dictionary<string, string> into)
    {
        foreach (KeyValuePair<string, JsonNode?> property in node)
        {
            if (property.Value is JsonObject child)
            {
                Leaves(path + "." + property.Key, child, into);
            }
            else if (property.Value != null)
            {
                into[path + "." + property.Key] = property.Value.ToJsonString();
            }
        }
    }

    private static void AssertJsonEqual(string what, JsonObject expected, string? actualJson)
    {
        JsonNode actual = JsonNode.Parse(actualJson ?? "{}") ?? new JsonObject();
        Assert.True(JsonNode.DeepEquals(expected, actual), $"{what}: expected {expected.ToJsonString()}, Clerk holds {actual.ToJsonString()}");
    }

    private static void Put(JsonObject root, string[] path, JsonNode? value)
    {
        JsonObject node = root;
        for (int i = 0; i < path.Length - 1; i++)
        {
            if (node[path[i]] is not JsonObject next)
            {
                next = new JsonObject();
                node[path[i]] = next;
            }

            node = next;
        }

        node[path[^1]] = value;
    }

    private static string NewPassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = new char[20];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return "Pw-" + new string(chars) + "-9";
    }
}

/// <summary>One seeded user and what was seeded.</summary>
public sealed class PoolUser(string username, string password, bool enabled)
{
    public string Username { get; } = username;

    public string Password { get; } = password;

    public bool Enabled { get; } = enabled;

    public bool OverMetadataLimit { get; init; }

    public Dictionary<string, string> Custom { get; } = new(StringComparer.Ordinal);

    public List<string> Groups { get; } = new();

    public string Sub { get; set; } = string.Empty;
}
