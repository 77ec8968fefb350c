using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>
/// What a migrated user carries into Clerk's metadata: the defaults, the attribute map, groups, the 8 KB limit and
/// banned disabled users; all through <see cref="CognitoDigestMapper.Map"/>, the pure function the cutover compares with.
/// </summary>
public sealed class MetadataMappingTests
{
    private const string Pool = "us-east-1_AbCdEf123";
    private const string Client = "1example23456789abcdefghij";
    private const string Sub = "0f4e5d6c-1111-4a2b-9c3d-aaaaaaaaaaaa";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [Fact]
    public void Groups_go_to_public_metadata_cognito_groups_in_the_order_given()
    {
        var user = User(("sub", Sub));
        user.Groups = new[] { "admins", "editors", "members" };

        ClerkCreateUserRequest request = Map(user).Request!;

        Assert.Equal("""{"cognito_groups":["admins","editors","members"]}""", JsonSerializer.Serialize(request.PublicMetadata, Json));
    }

    [Fact]
    public void A_user_in_no_group_gets_no_groups_key_and_no_public_metadata_at_all()
    {
        var inNone = User(("sub", Sub));
        inNone.Groups = Array.Empty<string>();
        var unread = User(("sub", Sub));

        Assert.Null(Map(inNone).Request!.PublicMetadata);
        Assert.Null(Map(unread).Request!.PublicMetadata);
    }

    [Fact]
    public void The_map_moves_each_named_source_and_it_is_not_also_written_to_its_default_place()
    {
        var user = User(("sub", Sub), ("custom:tenant", "acme"), ("custom:plan", "gold"), ("custom:region", "eu"), ("locale", "sv-SE"));
        user.Groups = new[] { "admins" };
        MetadataAttributeMap map = MetadataAttributeMap.Parse(Pairs(
            ("custom:tenant", "public_metadata.tenant"),
            ("custom:plan", "unsafe_metadata.billing.plan"),
            ("groups", "private_metadata.roles"),
            ("locale", "public_metadata.locale")));

        ClerkCreateUserRequest request = Map(user, o => o.AttributeMap = map).Request!;

        Assert.Equal("""{"tenant":"acme","locale":"sv-SE"}""", JsonSerializer.Serialize(request.PublicMetadata, Json));
        Assert.Equal("""{"billing":{"plan":"gold"}}""", JsonSerializer.Serialize(request.UnsafeMetadata, Json));
        Assert.Equal(
            """{"cognito":{"username":"ann","user_pool_id":"us-east-1_AbCdEf123","custom_attributes":{"region":"eu"}},"roles":["admins"]}""",
            MappedMetadata.PrivateWithoutImportRecord(request.PrivateMetadata));
    }

    [Fact]
    public void A_source_the_user_does_not_have_writes_nothing_for_that_user()
    {
        MetadataAttributeMap map = MetadataAttributeMap.Parse(Pairs(("custom:plan", "public_metadata.plan"), ("groups", "public_metadata.roles")));
        var user = User(("sub", Sub), ("custom:tenant", "acme"));

        ClerkCreateUserRequest request = Map(user, o => o.AttributeMap = map).Request!;

        Assert.Null(request.PublicMetadata);
        Assert.Equal("""{"cognito":{"username":"ann","user_pool_id":"us-east-1_AbCdEf123","custom_attributes":{"tenant":"acme"}}}""",
            MappedMetadata.PrivateWithoutImportRecord(request.PrivateMetadata));
    }

    [Fact]
    public void The_metadata_never_shares_the_users_group_list()
    {
        string[] shared = { "admins" };
        var user = User(("sub", Sub));
        user.Groups = shared;

        var groups = (string[])Map(user).Request!.PublicMetadata!["cognito_groups"]!;
        groups[0] = "changed";

        Assert.Equal("admins", shared[0]);
    }

    [Fact]
    public void The_same_user_and_map_give_the_same_metadata_every_time()
    {
        MetadataAttributeMap map = MetadataAttributeMap.Parse(Pairs(("custom:b", "public_metadata.b"), ("custom:a", "public_metadata.a")));
        var user = User(("sub", Sub), ("custom:a", "1"), ("custom:b", "2"), ("custom:c", "3"));
        user.Groups = new[] { "x", "y" };

        string first = JsonSerializer.Serialize(Map(user, o => o.AttributeMap = map).Request, Json);
        string second = JsonSerializer.Serialize(Map(user, o => o.AttributeMap = map).Request, Json);

        Assert.Equal(first, second);
    }

    [Fact]
    public void Metadata_over_8_KB_together_is_refused_before_sending_with_its_own_ErrorId()
    {
        // Three roots of about 3 KB each: none over 8 KB alone, over it together.
        string third = new('x', 2900);
        MetadataAttributeMap map = MetadataAttributeMap.Parse(Pairs(("custom:a", "public_metadata.a"), ("custom:b", "unsafe_metadata.b")));
        var user = User(("sub", Sub), ("custom:a", third), ("custom:b", third), ("custom:c", third));

        DigestResult result = Map(user, o => o.AttributeMap = map);

        Assert.False(result.IsMigratable);
        Assert.Equal(MigrationErrorIds.ClerkMetadataTooLarge, result.Skip!.ErrorId);
        Assert.Contains("8,192", result.Skip.Reason, StringComparison.Ordinal);
        Assert.Contains("'ann'", result.Skip.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_of_exactly_8_KB_is_sent()
    {
        var probe = User(("sub", Sub), ("custom:a", ""));
        ClerkCreateUserRequest empty = Map(probe).Request!;
        int overhead = ClerkMetadataLimit.MeasureBytes(empty);
        var user = User(("sub", Sub), ("custom:a", new string('x', ClerkMetadataLimit.MaxBytes - overhead)));

        DigestResult atLimit = Map(user);
        var over = User(("sub", Sub), ("custom:a", new string('x', ClerkMetadataLimit.MaxBytes - overhead + 1)));

        Assert.True(atLimit.IsMigratable);
        Assert.Equal(ClerkMetadataLimit.MaxBytes, ClerkMetadataLimit.MeasureBytes(atLimit.Request!));
        Assert.Equal(MigrationErrorIds.ClerkMetadataTooLarge, Map(over).Skip!.ErrorId);
    }

    [Fact]
    public void A_disabled_user_is_created_banned_with_DisabledUser_Ban_and_warned_about()
    {
        var user = User(("sub", Sub));
        user.Enabled = false;

        DigestResult result = Map(user, o => o.DisabledUser = DisabledUserAction.Ban);

        Assert.True(result.IsMigratable);
        Assert.True(result.Request!.Banned);
        MigrationWarning warning = Assert.Single(result.Warnings);
        Assert.Equal(MigrationWarningIds.CognitoUserDisabledBanned, warning.Id);
        Assert.Contains("banned", warning.Message, StringComparison.Ordinal);
        Assert.Contains("\"banned\":true", JsonSerializer.Serialize(result.Request, Json), StringComparison.Ordinal);

        // The record that the module placed this ban because Cognito disabled the user, in the same CreateUser call: a sync lifts it once Cognito enables them.
        Assert.Contains("\"access\":{\"change\":\"ban\",\"reason\":\"disabled_in_cognito\"}", JsonSerializer.Serialize(result.Request, Json), StringComparison.Ordinal);
        Assert.DoesNotContain(ImportRecord.For(result.Request!).Keys, k => k.Contains("access", StringComparison.Ordinal));
    }

    [Fact]
    public void Ban_changes_nothing_for_enabled_users_nor_for_users_whose_status_forbids_a_password_sign_in()
    {
        var enabled = User(("sub", Sub));
        var disabledUnconfirmed = User(("sub", Sub));
        disabledUnconfirmed.Enabled = false;
        disabledUnconfirmed.UserStatus = CognitoUserStatus.Unconfirmed;

        DigestResult kept = Map(enabled, o => o.DisabledUser = DisabledUserAction.Ban);
        DigestResult skipped = Map(disabledUnconfirmed, o => o.DisabledUser = DisabledUserAction.Ban);

        Assert.Null(kept.Request!.Banned);
        Assert.DoesNotContain("banned", JsonSerializer.Serialize(kept.Request, Json), StringComparison.Ordinal);
        Assert.DoesNotContain("\"access\"", JsonSerializer.Serialize(kept.Request, Json), StringComparison.Ordinal);
        Assert.Equal(MigrationErrorIds.CognitoUserUnconfirmed, skipped.Skip!.ErrorId);
    }

    [Fact]
    public void Skip_remains_the_default_for_disabled_users_and_the_reason_names_the_alternative()
    {
        var user = User(("sub", Sub));
        user.Enabled = false;

        DigestResult result = Map(user);

        Assert.Equal(MigrationErrorIds.CognitoUserDisabled, result.Skip!.ErrorId);
        Assert.Contains("migrate them banned", result.Skip.Reason, StringComparison.Ordinal);
    }

    internal static IEnumerable<KeyValuePair<string, string?>> Pairs(params (string Source, string? Target)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, string?>(p.Source, p.Target));

    private static DigestResult Map(CognitoUser user, Action<DigestOptions>? change = null)
    {
        var options = new DigestOptions { ClientId = Client, UserPoolId = Pool };
        change?.Invoke(options);
        return CognitoDigestMapper.Map(user, options);
    }

    private static CognitoUser User(params (string Name, string? Value)[] attributes) =>
        new("ann", attributes.Select(a => new KeyValuePair<string, string?>(a.Name, a.Value)).ToList())
        {
            UserStatus = CognitoUserStatus.Confirmed,
            Enabled = true,
        };
}
