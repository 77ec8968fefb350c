using System.Text.Json.Nodes;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Cutover;
using CognitoClerk.Engine.Migration;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cutover;

/// <summary>The import record (private_metadata.cognito.imported) and the drift between Clerk and Cognito's profile of a user.</summary>
public sealed class ImportRecordTests
{
    [Fact]
    public void The_mapping_records_a_hash_of_every_field_it_sends_and_nothing_else()
    {
        ClerkCreateUserRequest request = CognitoDigestMapper.Map(CutoverFixtures.User("ann", 1, phone: "+14155550100"), CutoverFixtures.Options()).Request!;

        var cognito = (IDictionary<string, object?>)request.PrivateMetadata!["cognito"]!;
        var record = (IDictionary<string, object?>)cognito["imported"]!;

        Assert.Equal(new[] { "email_address", "first_name", "last_name", "phone_number" }, record.Keys);
        Assert.Equal(ImportRecord.Hash("first_name", "Given1"), record["first_name"]);
        Assert.Equal(12, ((string)record["email_address"]!).Length);
        Assert.DoesNotContain("Given1", System.Text.Json.JsonSerializer.Serialize(record));
    }

    [Fact]
    public void A_value_is_as_imported_while_Clerk_holds_what_was_sent_and_emails_ignore_case()
    {
        ImportRecord record = Read(new JsonObject
        {
            ["first_name"] = ImportRecord.Hash("first_name", "Ann"),
            ["email_address"] = ImportRecord.Hash("email_address", "Ann@Example.com"),
        });

        Assert.True(record.IsAsImported("first_name", "Ann"));
        Assert.False(record.IsAsImported("first_name", "Anne"));
        Assert.False(record.IsAsImported("first_name", null));
        Assert.True(record.IsAsImported("email_address", "ann@example.COM"));

        // Nothing was sent for last_name: Clerk still holding nothing is as imported; a value is someone else's.
        Assert.True(record.IsAsImported("last_name", null));
        Assert.False(record.IsAsImported("last_name", "Lee"));
        Assert.Null(ImportRecord.Read(new JsonObject { ["cognito"] = new JsonObject { ["username"] = "ann" } }));
    }

    [Fact]
    public void While_a_field_changes_both_the_old_and_the_new_value_count_as_imported()
    {
        ImportRecord record = Read(new JsonObject { ["first_name"] = ImportRecord.Hash("first_name", "Ann") });

        string[] changing = record.WhileChanging("first_name", "Anne");
        ImportRecord during = Read(new JsonObject { ["first_name"] = string.Join(" ", changing) });
        string[] fromNothing = record.WhileChanging("last_name", "Lee");

        Assert.True(during.IsAsImported("first_name", "Ann"));
        Assert.True(during.IsAsImported("first_name", "Anne"));
        Assert.False(during.IsAsImported("first_name", "Annie"));
        Assert.Equal(new[] { ImportRecord.Nothing, ImportRecord.Hash("last_name", "Lee") }, fromNothing);
        Assert.Empty(ImportRecord.Settled("last_name", null));
    }

    [Fact]
    public void The_users_Cognito_identity_and_the_record_itself_are_not_recorded_fields()
    {
        Assert.False(ImportRecord.IsRecorded("private_metadata.cognito.username"));
        Assert.False(ImportRecord.IsRecorded("private_metadata.cognito.user_pool_id"));
        Assert.False(ImportRecord.IsRecorded("private_metadata.cognito.imported.first_name"));
        Assert.True(ImportRecord.IsRecorded("private_metadata.cognito.custom_attributes.tenant"));
        Assert.True(ImportRecord.IsRecorded("public_metadata.cognito_groups"));
    }

    [Fact]
    public void Drift_names_the_fields_that_differ_comparing_emails_without_case_and_only_the_primary_ones()
    {
        ClerkCreateUserRequest profile = CognitoDigestMapper.MapProfile(CutoverFixtures.User("ann", 1, email: "ann@new.example", given: "Anne", phone: "+14155550100"), CutoverFixtures.Options())!;
        var clerk = new ClerkUser
        {
            Id = "user_1",
            FirstName = "Ann",
            LastName = "Family1",
            EmailAddressDetails = new[] { new ClerkIdentification("idn_a", "ANN@NEW.example", true), new ClerkIdentification("idn_b", "ann@old.example", true) },
            PrimaryEmailAddressId = "idn_b",
            PhoneNumberDetails = new[] { new ClerkIdentification("idn_c", "+14155550100", true) },
            PrimaryPhoneNumberId = "idn_c",
        };

        IReadOnlyList<ProfileDifference> drift = ProfileDrift.Between(profile, clerk);

        Assert.Equal(new[] { "first_name", "email_address" }, drift.Select(d => d.Field));
        Assert.Equal(("Anne", "Ann"), (drift[0].InCognito, drift[0].InClerk));
        Assert.Equal(("ann@new.example", "ann@old.example"), (drift[1].InCognito, drift[1].InClerk));

        clerk.PrimaryEmailAddressId = "idn_a";
        clerk.FirstName = "Anne";
        Assert.Empty(ProfileDrift.Between(profile, clerk));
    }

    [Fact]
    public void Drift_compares_the_metadata_leaves_the_mapping_writes_and_those_the_record_says_it_wrote_once()
    {
        var profile = new ClerkCreateUserRequest
        {
            PrivateMetadata = new Dictionary<string, object?>
            {
                ["cognito"] = new Dictionary<string, object?> { ["username"] = "ann", ["user_pool_id"] = "p", ["custom_attributes"] = new Dictionary<string, object?> { ["tenant"] = "acme" } },
            },
        };
        var clerk = new ClerkUser
        {
            Id = "user_1",
            PrivateMetadata = JsonNode.Parse("""{"cognito":{"username":"someone-else","user_pool_id":"p","custom_attributes":{"tenant":"globex","plan":"gold"},"imported":{"private_metadata.cognito.custom_attributes.plan":"x"}}}""")!.AsObject(),
        };

        IReadOnlyList<ProfileDifference> drift = ProfileDrift.Between(profile, clerk);

        // The username is identity, never drift; a leaf removed in Cognito since the import is.
        Assert.Equal(new[] { "private_metadata.cognito.custom_attributes.tenant", "private_metadata.cognito.custom_attributes.plan" }, drift.Select(d => d.Field));
        Assert.Equal(("\"acme\"", "\"globex\""), (drift[0].InCognito, drift[0].InClerk));
        Assert.Equal(((string?)null, "\"gold\""), (drift[1].InCognito, drift[1].InClerk));
    }

    [Fact]
    public void Groups_not_read_are_not_compared_but_groups_read_and_left_are()
    {
        CognitoUser unread = CutoverFixtures.User("ann", 1);
        CognitoUser inGroups = CutoverFixtures.User("ann", 1);
        inGroups.Groups = new[] { "admins" };
        CognitoUser inNone = CutoverFixtures.User("ann", 1);
        inNone.Groups = Array.Empty<string>();
        DigestOptions options = CutoverFixtures.Options();
        ClerkCreateUserRequest imported = CognitoDigestMapper.Map(inGroups, options).Request!;
        var clerk = new ClerkUser
        {
            Id = "user_1",
            FirstName = imported.FirstName,
            LastName = imported.LastName,
            EmailAddressDetails = new[] { new ClerkIdentification("idn_a", imported.EmailAddress![0], true) },
            PrimaryEmailAddressId = "idn_a",
            PublicMetadata = MetadataLeaves.ToJson(imported.PublicMetadata),
            PrivateMetadata = MetadataLeaves.ToJson(imported.PrivateMetadata),
        };

        IReadOnlyList<ProfileDifference> Drift(CognitoUser user) =>
            ProfileDrift.Between(CognitoDigestMapper.MapProfile(user, options)!, clerk, ProfileDrift.UnreadGroups(user, options));

        Assert.Equal("public_metadata.cognito_groups", ProfileDrift.UnreadGroups(unread, options));
        Assert.Empty(Drift(inGroups));
        Assert.Empty(Drift(unread));
        ProfileDifference left = Assert.Single(Drift(inNone));
        Assert.Equal(("public_metadata.cognito_groups", (string?)null, "[\"admins\"]"), (left.Field, left.InCognito, left.InClerk));
    }

    [Fact]
    public void The_profile_of_a_user_the_mapping_refuses_today_still_carries_their_fields()
    {
        var disabled = CutoverFixtures.User("ann", 1, enabled: false);

        Assert.False(CognitoDigestMapper.Map(disabled, CutoverFixtures.Options()).IsMigratable);
        ClerkCreateUserRequest? profile = CognitoDigestMapper.MapProfile(disabled, CutoverFixtures.Options());

        Assert.NotNull(profile);
        Assert.Equal(("Given1", null, null), (profile!.FirstName, profile.PasswordDigest, profile.PasswordHasher));
        Assert.Null(CognitoDigestMapper.MapProfile(CutoverFixtures.With(disabled, "sub", null), CutoverFixtures.Options()));
    }

    private static ImportRecord Read(JsonObject record) =>
        ImportRecord.Read(new JsonObject { ["cognito"] = new JsonObject { ["imported"] = record } })!;
}
