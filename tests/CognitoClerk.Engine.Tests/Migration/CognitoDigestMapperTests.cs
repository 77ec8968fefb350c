using System.Text.Json;
using System.Text.Json.Serialization;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Migration;

public class CognitoDigestMapperTests
{
    private const string Pool = "us-east-1_AbCdEf123";
    private const string Client = "1example23456789abcdefghij";
    private const string Sub = "0f4e5d6c-1111-4a2b-9c3d-aaaaaaaaaaaa";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    [Fact]
    public void A_confirmed_user_becomes_the_exact_CreateUser_payload()
    {
        var user = User("alice",
            ("sub", Sub), ("email", "alice@example.com"), ("email_verified", "true"),
            ("phone_number", "+14155550100"), ("phone_number_verified", "false"),
            ("given_name", "Zoë"), ("family_name", "Ångström-Núñez"), ("custom:tenant", "acme"), ("locale", "sv-SE"));
        user.UserCreateDate = DateTimeOffset.FromUnixTimeMilliseconds(1682955829578);

        var result = CognitoDigestMapper.Map(user, Options());

        Assert.True(result.IsMigratable);
        Assert.Null(result.Skip);
        Assert.Empty(result.Warnings);
        Assert.Equal("alice", result.Identifier);
        Assert.Same(user, result.User);
        var expected = """
            {"external_id":"0f4e5d6c-1111-4a2b-9c3d-aaaaaaaaaaaa","first_name":"Zo\u00EB","last_name":"\u00C5ngstr\u00F6m-N\u00FA\u00F1ez",
            "email_address":["alice@example.com"],"email_address_identification_status":["verified"],
            "phone_number":["\u002B14155550100"],"phone_number_identification_status":["reserved"],
            "password_hasher":"awscognito","password_digest":"awscognito#us-east-1_AbCdEf123#1example23456789abcdefghij#alice",
            "created_at":"2023-05-01T15:43:49.578Z",
            "private_metadata":{"cognito":{"username":"alice","user_pool_id":"us-east-1_AbCdEf123","custom_attributes":{"tenant":"acme"},
            "imported":{"email_address":"_42YGfwOEr8N","first_name":"xqEmmFgvwRBO","last_name":"RQiG8ClkPym4","phone_number":"QNP04C2yfWbP",
            "private_metadata.cognito.custom_attributes.tenant":"63N-QNasBj8D"}}}}
            """.Replace("\n", string.Empty).Replace("\r", string.Empty);
        Assert.Equal(expected, JsonSerializer.Serialize(result.Request, Json));
    }

    [Fact]
    public void Custom_attributes_go_to_private_metadata_under_cognito_custom_attributes_and_nothing_else_does()
    {
        var user = User("alice", ("sub", Sub), ("custom:tenant", "acme"), ("custom:plan", "gold"), ("dev:custom:legacy_id", "L-7"), ("identities", "[]"), ("zoneinfo", "Europe/Oslo"));

        var result = CognitoDigestMapper.Map(user, Options());

        string json = JsonSerializer.Serialize(result.Request, Json);
        Assert.Equal("{\"cognito\":{\"username\":\"alice\",\"user_pool_id\":\"us-east-1_AbCdEf123\"," +
            "\"custom_attributes\":{\"tenant\":\"acme\",\"plan\":\"gold\",\"dev:legacy_id\":\"L-7\"}}}",
            MappedMetadata.PrivateWithoutImportRecord(result.Request!.PrivateMetadata));
        Assert.DoesNotContain("identities", json);
        Assert.DoesNotContain("Europe", json);
        Assert.Null(result.Request!.PublicMetadata);
        Assert.Null(result.Request.UnsafeMetadata);
    }

    [Fact]
    public void The_same_user_and_options_always_give_the_same_payload()
    {
        var user = User("alice", ("sub", Sub), ("email", "alice@example.com"), ("phone_number", "+14155550100"));
        user.UserCreateDate = DateTimeOffset.UtcNow;

        string first = JsonSerializer.Serialize(CognitoDigestMapper.Map(user, Options()).Request, Json);
        string second = JsonSerializer.Serialize(CognitoDigestMapper.Map(user, Options()).Request, Json);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("UNCONFIRMED", MigrationErrorIds.CognitoUserUnconfirmed)]
    [InlineData("FORCE_CHANGE_PASSWORD", MigrationErrorIds.CognitoUserForceChangePassword)]
    [InlineData("RESET_REQUIRED", MigrationErrorIds.CognitoUserResetRequired)]
    [InlineData("EXTERNAL_PROVIDER", MigrationErrorIds.CognitoUserExternalProvider)]
    [InlineData("ARCHIVED", MigrationErrorIds.CognitoUserArchived)]
    [InlineData("COMPROMISED", MigrationErrorIds.CognitoUserCompromised)]
    [InlineData("UNKNOWN", MigrationErrorIds.CognitoUserStatusUnknown)]
    [InlineData("PENDING_SOMETHING_NEW", MigrationErrorIds.CognitoUserStatusUnrecognized)]
    [InlineData(null, MigrationErrorIds.CognitoUserStatusMissing)]
    [InlineData("  ", MigrationErrorIds.CognitoUserStatusMissing)]
    public void Users_who_cannot_sign_in_with_a_Cognito_password_are_skipped_with_their_own_ErrorId(string? status, string errorId)
    {
        var user = User("bob", ("sub", Sub), ("email", "bob@example.com"));
        user.UserStatus = status;

        var result = CognitoDigestMapper.Map(user, Options());

        Assert.False(result.IsMigratable);
        Assert.Null(result.Request);
        Assert.Null(result.Identifier);
        Assert.Equal(errorId, result.Skip!.ErrorId);
        Assert.Contains("'bob'", result.Skip.Reason);
        if (!string.IsNullOrWhiteSpace(status))
        {
            Assert.Contains(status, result.Skip.Reason);
        }
    }

    [Fact]
    public void Every_status_skip_has_a_distinct_ErrorId_and_reason()
    {
        string[] statuses = { "UNCONFIRMED", "FORCE_CHANGE_PASSWORD", "RESET_REQUIRED", "EXTERNAL_PROVIDER", "ARCHIVED", "COMPROMISED", "UNKNOWN", "NEW", "" };
        var skips = statuses.Select(s =>
        {
            var user = User("bob", ("sub", Sub));
            user.UserStatus = s;
            return CognitoDigestMapper.Map(user, Options()).Skip!;
        }).ToList();

        Assert.Equal(statuses.Length, skips.Select(s => s.ErrorId).Distinct().Count());
        Assert.Equal(statuses.Length, skips.Select(s => s.Reason).Distinct().Count());
    }

    [Theory]
    [InlineData("confirmed")]
    [InlineData(" CONFIRMED ")]
    public void The_status_compares_without_regard_to_case_or_spaces(string status)
    {
        var user = User("alice", ("sub", Sub));
        user.UserStatus = status;

        Assert.True(CognitoDigestMapper.Map(user, Options()).IsMigratable);
    }

    [Fact]
    public void A_disabled_user_is_skipped_and_an_unknown_Enabled_is_not()
    {
        var disabled = User("dave", ("sub", Sub));
        disabled.Enabled = false;
        var unknown = User("erin", ("sub", Sub));
        unknown.Enabled = null;

        var skipped = CognitoDigestMapper.Map(disabled, Options());

        Assert.Equal(MigrationErrorIds.CognitoUserDisabled, skipped.Skip!.ErrorId);
        Assert.Contains("admin-enable-user", skipped.Skip.Reason);
        Assert.True(CognitoDigestMapper.Map(unknown, Options()).IsMigratable);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_user_without_a_sub_is_skipped_because_re_runs_could_not_recognise_it(string? sub)
    {
        var user = sub == null ? User("erin", ("email", "erin@example.com")) : User("erin", ("sub", sub));

        var result = CognitoDigestMapper.Map(user, Options());

        Assert.Equal(MigrationErrorIds.CognitoUserSubMissing, result.Skip!.ErrorId);
        Assert.Contains("external_id", result.Skip.Reason);
    }

    [Theory]
    [InlineData(IdentifierSource.Username, "alice")]
    [InlineData(IdentifierSource.Email, "alice@example.com")]
    [InlineData(IdentifierSource.Sub, Sub)]
    [InlineData(IdentifierSource.PhoneNumber, "+14155550100")]
    [InlineData(IdentifierSource.PreferredUsername, "ally")]
    public void The_identifier_comes_from_the_chosen_source(IdentifierSource source, string identifier)
    {
        var user = User("alice",
            ("sub", Sub), ("email", "alice@example.com"), ("email_verified", "true"),
            ("phone_number", "+14155550100"), ("phone_number_verified", "true"), ("preferred_username", "ally"));

        var result = CognitoDigestMapper.Map(user, Options(o => o.IdentifierSource = source));

        Assert.Equal($"awscognito#{Pool}#{Client}#{identifier}", result.Request!.PasswordDigest);
        Assert.Equal(identifier, result.Identifier);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData(IdentifierSource.Email, "email attribute")]
    [InlineData(IdentifierSource.PhoneNumber, "phone_number attribute")]
    [InlineData(IdentifierSource.PreferredUsername, "preferred_username attribute")]
    public void A_user_without_the_chosen_identifier_is_skipped(IdentifierSource source, string named)
    {
        var user = User("alice", ("sub", Sub), ("email", " "));

        var result = CognitoDigestMapper.Map(user, Options(o => o.IdentifierSource = source));

        Assert.Equal(MigrationErrorIds.IdentifierMissing, result.Skip!.ErrorId);
        Assert.Contains(named, result.Skip.Reason);
        Assert.Contains("identifier source " + source, result.Skip.Reason);

        // The engine speaks of the domain; which parameter to change is the cmdlets' to say (ConvertToClerkCognitoDigestTests).
        Assert.DoesNotContain("-IdentifierSource", result.Skip.Reason);
    }

    [Theory]
    [InlineData(IdentifierSource.Username, "al#ice", "sub-1", "a@example.com", "ally")]
    [InlineData(IdentifierSource.Email, "alice", "sub-1", "a#b@example.com", "ally")]
    [InlineData(IdentifierSource.Sub, "alice", "sub#1", "a@example.com", "ally")]
    [InlineData(IdentifierSource.PreferredUsername, "alice", "sub-1", "a@example.com", "#ally")]
    public void An_identifier_with_the_digest_separator_is_skipped(IdentifierSource source, string username, string sub, string email, string preferred)
    {
        var user = User(username, ("sub", sub), ("email", email), ("preferred_username", preferred));

        var result = CognitoDigestMapper.Map(user, Options(o => o.IdentifierSource = source));

        Assert.Equal(MigrationErrorIds.IdentifierContainsHash, result.Skip!.ErrorId);
        Assert.Contains("'#'", result.Skip.Reason);
    }

    [Fact]
    public void A_hash_elsewhere_than_in_the_identifier_does_not_matter()
    {
        var user = User("al#ice", ("sub", Sub), ("email", "alice@example.com"), ("given_name", "A#B"));

        var result = CognitoDigestMapper.Map(user, Options(o => o.IdentifierSource = IdentifierSource.Email));

        Assert.Equal($"awscognito#{Pool}#{Client}#alice@example.com", result.Request!.PasswordDigest);
        Assert.Equal("A#B", result.Request.FirstName);
    }

    [Fact]
    public void The_pool_comes_from_the_user_before_the_options_unless_the_admin_named_another()
    {
        var user = User("alice", ("sub", Sub));
        user.UserPoolId = "eu-west-1_Own000001";

        var fallback = CognitoDigestMapper.Map(user, Options(o => o.UserPoolId = "eu-west-1_Env000001"));
        var sameExplicit = CognitoDigestMapper.Map(user, Options(o => { o.UserPoolId = "eu-west-1_Own000001"; o.UserPoolIdIsExplicit = true; }));
        var otherExplicit = CognitoDigestMapper.Map(user, Options(o => { o.UserPoolId = "eu-west-1_Other0001"; o.UserPoolIdIsExplicit = true; }));

        Assert.Equal($"awscognito#eu-west-1_Own000001#{Client}#alice", fallback.Request!.PasswordDigest);
        Assert.Equal($"awscognito#eu-west-1_Own000001#{Client}#alice", sameExplicit.Request!.PasswordDigest);
        Assert.Equal(MigrationErrorIds.UserPoolIdMismatch, otherExplicit.Skip!.ErrorId);
        Assert.Contains("eu-west-1_Own000001", otherExplicit.Skip.Reason);
        Assert.Contains("eu-west-1_Other0001", otherExplicit.Skip.Reason);
    }

    [Fact]
    public void A_user_without_a_pool_takes_the_options_pool_and_without_either_is_skipped()
    {
        var user = User("alice", ("sub", Sub));

        var fromOptions = CognitoDigestMapper.Map(user, Options());
        var nowhere = CognitoDigestMapper.Map(user, Options(o => o.UserPoolId = null));

        Assert.Equal(Pool, ((IDictionary<string, object?>)fromOptions.Request!.PrivateMetadata!["cognito"]!)["user_pool_id"]);
        Assert.Equal(MigrationErrorIds.UserPoolIdMissing, nowhere.Skip!.ErrorId);
    }

    [Theory]
    [InlineData("us-east-1_Ab#cd")]
    [InlineData("us-east-1")]
    [InlineData("arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123")]
    [InlineData("us-east-1_AbC dEf")]
    public void A_user_pool_id_that_is_not_one_is_skipped(string pool)
    {
        var user = User("alice", ("sub", Sub));
        user.UserPoolId = pool;

        var result = CognitoDigestMapper.Map(user, Options());

        Assert.Equal(MigrationErrorIds.UserPoolIdInvalid, result.Skip!.ErrorId);
        Assert.Contains(pool, result.Skip.Reason);
    }

    [Theory]
    [InlineData("", MigrationErrorIds.ClientIdMissing)]
    [InlineData("  ", MigrationErrorIds.ClientIdMissing)]
    [InlineData("abc#def", MigrationErrorIds.ClientIdInvalid)]
    [InlineData("abc/def=", MigrationErrorIds.ClientIdInvalid)]
    // Built from two parts so that secret scanners do not mistake this made-up key for a real one.
    [InlineData("sk_" + "live_abcdefghijklmnopqrstuvwxyz01234", MigrationErrorIds.ClientIdInvalid)]
    [InlineData("sk_test_abcdefghijklmnopqrstuvwxyz01234", MigrationErrorIds.ClientIdInvalid)]
    public void A_missing_or_malformed_client_id_is_refused_without_echoing_it(string clientId, string errorId)
    {
        var options = Options(o => o.ClientId = clientId);

        var result = CognitoDigestMapper.Map(User("alice", ("sub", Sub)), options);
        var check = CognitoDigestMapper.CheckOptions(options);

        Assert.Equal(errorId, result.Skip!.ErrorId);
        Assert.Equal(errorId, check!.ErrorId);
        if (clientId.Trim().Length > 0)
        {
            Assert.DoesNotContain(clientId, result.Skip.Reason);
        }
    }

    [Fact]
    public void CheckOptions_accepts_good_options_and_refuses_a_malformed_fallback_pool()
    {
        Assert.Null(CognitoDigestMapper.CheckOptions(Options()));
        Assert.Null(CognitoDigestMapper.CheckOptions(Options(o => o.UserPoolId = null)));
        Assert.Equal(MigrationErrorIds.UserPoolIdInvalid, CognitoDigestMapper.CheckOptions(Options(o => o.UserPoolId = "my-pool"))!.ErrorId);
    }

    [Fact]
    public void Mapping_with_an_identifier_source_outside_the_enum_is_a_programming_error()
    {
        const IdentifierSource undefined = (IdentifierSource)99;
        Assert.Throws<ArgumentException>(() => CognitoDigestMapper.Map(User("alice", ("sub", Sub)), Options(o => o.IdentifierSource = undefined)));
        Assert.Throws<ArgumentException>(() => CognitoDigestMapper.ReadIdentifier(User("alice"), undefined));
    }

    [Theory]
    [InlineData("true", "verified")]
    [InlineData("True", "verified")]
    [InlineData(" TRUE ", "verified")]
    [InlineData("false", "reserved")]
    [InlineData("False", "reserved")]
    [InlineData("yes", "reserved")]
    [InlineData(null, "reserved")]
    public void Email_and_phone_are_verified_only_when_Cognito_says_true(string? verified, string status)
    {
        var pairs = new List<(string, string?)> { ("sub", Sub), ("email", "alice@example.com"), ("phone_number", "+14155550100") };
        if (verified != null)
        {
            pairs.Add(("email_verified", verified));
            pairs.Add(("phone_number_verified", verified));
        }

        var request = CognitoDigestMapper.Map(User("alice", pairs.ToArray()), Options()).Request!;

        Assert.Equal(new[] { status }, request.EmailAddressIdentificationStatus);
        Assert.Equal(new[] { status }, request.PhoneNumberIdentificationStatus);
    }

    [Theory]
    [InlineData("+14155550100")]
    [InlineData("+447700900123")]
    [InlineData("+8613800138000")]
    [InlineData("+123456789012345")]
    public void An_E164_phone_number_is_sent(string phone)
    {
        var request = CognitoDigestMapper.Map(User("alice", ("sub", Sub), ("phone_number", phone)), Options()).Request!;

        Assert.Equal(new[] { phone }, request.PhoneNumber);
    }

    [Theory]
    [InlineData("4155550100")]
    [InlineData("+1 415 555 0100")]
    [InlineData("+1-415-555-0100")]
    [InlineData("+0123456789")]
    [InlineData("+1234567890123456")]
    [InlineData("(415) 555-0100")]
    public void A_phone_number_Clerk_would_refuse_is_left_out_with_a_warning_and_the_user_kept(string phone)
    {
        var result = CognitoDigestMapper.Map(User("alice", ("sub", Sub), ("phone_number", phone), ("phone_number_verified", "true")), Options());

        Assert.True(result.IsMigratable);
        Assert.Null(result.Request!.PhoneNumber);
        Assert.Null(result.Request.PhoneNumberIdentificationStatus);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(MigrationWarningIds.PhoneNumberInvalid, warning.Id);
        Assert.Contains("'alice'", warning.Message);
        Assert.Contains(phone, warning.Message);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("alice@localhost")]
    [InlineData("alice@@example.com")]
    [InlineData("al ice@example.com")]
    [InlineData("@example.com")]
    [InlineData("alice@example..com")]
    public void An_email_Clerk_would_refuse_is_left_out_with_a_warning_and_the_user_kept(string email)
    {
        var result = CognitoDigestMapper.Map(User("alice", ("sub", Sub), ("email", email), ("email_verified", "true")), Options());

        Assert.True(result.IsMigratable);
        Assert.Null(result.Request!.EmailAddress);
        Assert.Null(result.Request.EmailAddressIdentificationStatus);
        Assert.Equal(MigrationWarningIds.EmailAddressInvalid, Assert.Single(result.Warnings).Id);
    }

    [Fact]
    public void An_invalid_email_that_is_the_identifier_still_goes_into_the_digest()
    {
        // Cognito accepted it, so Clerk's call to Cognito works with it; only the email field is left out.
        var result = CognitoDigestMapper.Map(
            User("alice", ("sub", Sub), ("email", "alice@localhost"), ("email_verified", "true")),
            Options(o => o.IdentifierSource = IdentifierSource.Email));

        Assert.Equal($"awscognito#{Pool}#{Client}#alice@localhost", result.Request!.PasswordDigest);
        Assert.Null(result.Request.EmailAddress);
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("a.b+tag@mail.example.co.uk")]
    [InlineData("jürgen@bücher.example")]
    public void A_plausible_email_is_sent(string email)
    {
        Assert.Equal(new[] { email }, CognitoDigestMapper.Map(User("alice", ("sub", Sub), ("email", email)), Options()).Request!.EmailAddress);
    }

    [Theory]
    [InlineData(IdentifierSource.Email, "email_verified")]
    [InlineData(IdentifierSource.PhoneNumber, "phone_number_verified")]
    public void An_unverified_email_or_phone_as_identifier_gives_a_warning(IdentifierSource source, string attribute)
    {
        var user = User("alice", ("sub", Sub), ("email", "alice@example.com"), ("phone_number", "+14155550100"), (attribute, "false"));

        var result = CognitoDigestMapper.Map(user, Options(o => o.IdentifierSource = source));

        Assert.True(result.IsMigratable);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(MigrationWarningIds.IdentifierNotVerified, warning.Id);
        Assert.Contains(attribute, warning.Message);
    }

    [Fact]
    public void The_Clerk_username_is_sent_only_when_asked_for()
    {
        var user = User("alice", ("sub", Sub));

        Assert.Null(CognitoDigestMapper.Map(user, Options()).Request!.Username);
        var with = CognitoDigestMapper.Map(user, Options(o => o.IncludeUsername = true));
        Assert.Equal("alice", with.Request!.Username);
        Assert.Empty(with.Warnings);
    }

    [Fact]
    public void A_Clerk_username_that_would_be_the_sub_gives_a_warning()
    {
        var user = User(Sub, ("sub", Sub), ("email", "alice@example.com"));

        var result = CognitoDigestMapper.Map(user, Options(o => o.IncludeUsername = true));

        Assert.Equal(Sub, result.Request!.Username);
        Assert.Equal(MigrationWarningIds.UsernameIsSub, Assert.Single(result.Warnings).Id);
    }

    [Theory]
    [InlineData(1682955829578L, "2023-05-01T15:43:49.578Z")]
    [InlineData(0L, "1970-01-01T00:00:00.000Z")]
    [InlineData(1700000000001L, "2023-11-14T22:13:20.001Z")]
    public void UserCreateDate_becomes_RFC3339_in_UTC_with_milliseconds(long unixMilliseconds, string createdAt)
    {
        var user = User("alice", ("sub", Sub));
        user.UserCreateDate = DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToOffset(TimeSpan.FromHours(5.5));

        Assert.Equal(createdAt, CognitoDigestMapper.Map(user, Options()).Request!.CreatedAt);
    }

    [Fact]
    public void Without_UserCreateDate_there_is_no_created_at_and_blank_names_are_left_out()
    {
        var request = CognitoDigestMapper.Map(User("alice", ("sub", Sub), ("given_name", " "), ("family_name", "")), Options()).Request!;

        Assert.Null(request.CreatedAt);
        Assert.Null(request.FirstName);
        Assert.Null(request.LastName);
        Assert.Null(request.EmailAddress);
        Assert.Null(request.PhoneNumber);
    }

    [Fact]
    public void Status_and_enabled_are_checked_before_the_identifier()
    {
        var user = User("al#ice");
        user.UserStatus = "UNCONFIRMED";

        Assert.Equal(MigrationErrorIds.CognitoUserUnconfirmed, CognitoDigestMapper.Map(user, Options()).Skip!.ErrorId);
    }

    private static DigestOptions Options(Action<DigestOptions>? change = null)
    {
        var options = new DigestOptions { ClientId = Client, UserPoolId = Pool };
        change?.Invoke(options);
        return options;
    }

    private static CognitoUser User(string username, params (string Name, string? Value)[] attributes) =>
        new(username, attributes.Select(a => new KeyValuePair<string, string?>(a.Name, a.Value)).ToList())
        {
            UserStatus = CognitoUserStatus.Confirmed,
            Enabled = true,
        };
}
