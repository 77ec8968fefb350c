using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using Xunit;

namespace CognitoClerk.Engine.Tests.Migration;

/// <summary>
/// The rules New-ClerkMigratedUser used to hold: whether a payload made elsewhere can be sent, who its user is,
/// and which problems are the same for every user. Pure, so tested without a runspace.
/// </summary>
public class MigrationCandidateTests
{
    private const string Pool = "us-east-1_AbCdEf123";
    private const string Digest = "awscognito#" + Pool + "#client123#ann.lee";

    [Fact]
    public void A_payload_names_its_user_from_the_caller_first_then_its_metadata_then_its_digest()
    {
        var fromCaller = MigrationCandidate.FromPayload(Payload(), "ann", "eu-west-1_Other", "state");
        Assert.Equal(("ann", "eu-west-1_Other"), (fromCaller.CognitoUsername, fromCaller.UserPoolId));
        Assert.Equal("state", fromCaller.WorkItem!.State);

        var fromMetadata = MigrationCandidate.FromPayload(
            Payload(metadata: new Dictionary<string, object?> { ["Cognito"] = new Dictionary<string, object?> { ["Username"] = "meta-ann", ["user_pool_id"] = "eu-west-1_Meta" } }),
            null, null, null);
        Assert.Equal(("meta-ann", "eu-west-1_Meta"), (fromMetadata.CognitoUsername, fromMetadata.UserPoolId));

        var fromDigest = MigrationCandidate.FromPayload(Payload(), null, null, null);
        Assert.Equal(("ann.lee", Pool), (fromDigest.CognitoUsername, fromDigest.UserPoolId));
        Assert.Equal("sub-ann", fromDigest.ExternalId);
        Assert.Equal("ann@example.com", fromDigest.Email);
    }

    [Fact]
    public void The_digest_gives_the_username_only_when_it_also_gives_the_pool()
    {
        var candidate = MigrationCandidate.FromPayload(Payload(), null, "us-west-2_Known", null);

        Assert.Null(candidate.CognitoUsername);
        Assert.Equal("us-west-2_Known", candidate.UserPoolId);
    }

    [Theory]
    [InlineData(null, "awscognito", "no password_digest")]
    [InlineData(" ", "awscognito", "no password_digest")]
    [InlineData(Digest, "", "no password_hasher")]
    public void A_payload_without_digest_or_hasher_is_not_sendable(string? digest, string hasher, string why)
    {
        var payload = Payload();
        payload.PasswordDigest = digest;
        payload.PasswordHasher = hasher;

        var candidate = MigrationCandidate.FromPayload(payload, null, null, null);

        Assert.Null(candidate.WorkItem);
        Assert.Equal(MigrationErrorIds.DigestInvalid, candidate.Skip!.ErrorId);
        Assert.Contains(why, candidate.Skip.Reason);
        Assert.Equal("sub-ann", candidate.ExternalId);
    }

    [Fact]
    public void Statuses_must_pair_with_their_values_when_there_are_any()
    {
        var emails = Payload();
        emails.EmailAddressIdentificationStatus = new List<string> { "verified", "reserved" };
        var phones = Payload();
        phones.PhoneNumberIdentificationStatus = new List<string> { "verified" };
        var none = Payload();
        none.EmailAddressIdentificationStatus = null;

        Assert.Contains("email_address_identification_status", DigestPayloadCheck.Check(emails)!.Reason);
        Assert.Contains("phone_number_identification_status", DigestPayloadCheck.Check(phones)!.Reason);
        Assert.Null(DigestPayloadCheck.Check(none));
        Assert.Null(DigestPayloadCheck.Check(Payload()));
    }

    [Fact]
    public void A_mapped_user_carries_the_pool_its_digest_names_and_the_readers_warnings_first()
    {
        var user = new CognitoUser("bob", new List<KeyValuePair<string, string?>> { new("sub", "sub-bob"), new("phone_number", "555") })
        {
            UserStatus = CognitoUserStatus.Confirmed,
            Enabled = true,
        };
        var readWarning = new MigrationWarning(MigrationWarningIds.UserCreateDateInvalid, "read");

        var candidate = MigrationCandidate.FromUser(user, new DigestOptions { ClientId = "client123", UserPoolId = Pool }, "input", new[] { readWarning });

        Assert.Equal(Pool, candidate.WorkItem!.UserPoolId);
        Assert.Equal("bob", candidate.WorkItem.CognitoUsername);
        Assert.Equal(new[] { MigrationWarningIds.UserCreateDateInvalid, MigrationWarningIds.PhoneNumberInvalid }, candidate.Warnings.Select(w => w.Id));
        Assert.Equal(Pool, CognitoDigestMapper.Map(user, new DigestOptions { ClientId = "client123", UserPoolId = Pool }).UserPoolId);
    }

    [Fact]
    public void A_user_who_cannot_be_mapped_keeps_who_they_are_and_no_warnings()
    {
        var user = new CognitoUser("carl", new List<KeyValuePair<string, string?>> { new("sub", "sub-carl"), new("email", "carl@example.com") })
        {
            UserStatus = CognitoUserStatus.Unconfirmed,
            UserPoolId = "eu-west-1_Own",
        };

        var candidate = MigrationCandidate.FromUser(user, new DigestOptions { ClientId = "client123" }, null, new[] { new MigrationWarning("X", "read") });

        Assert.Equal(MigrationErrorIds.CognitoUserUnconfirmed, candidate.Skip!.ErrorId);
        Assert.Equal(("carl", "eu-west-1_Own", "carl@example.com", "sub-carl"), (candidate.CognitoUsername, candidate.UserPoolId, candidate.Email, candidate.ExternalId));
        Assert.Empty(candidate.Warnings);
    }

    [Theory]
    [InlineData(MigrationErrorIds.UserPoolIdMissing, true)]
    [InlineData(MigrationErrorIds.ClientIdMissing, true)]
    [InlineData(MigrationErrorIds.ClientIdInvalid, true)]
    [InlineData(MigrationErrorIds.UserPoolIdInvalid, false)]
    [InlineData(MigrationErrorIds.UserPoolIdMismatch, false)]
    [InlineData(MigrationErrorIds.CognitoUserDisabled, false)]
    [InlineData(MigrationErrorIds.DigestInvalid, false)]
    [InlineData(null, false)]
    public void Only_problems_that_hit_every_user_alike_are_setup_problems(string? errorId, bool setup)
    {
        Assert.Equal(setup, MigrationErrorIds.IsSetupProblem(errorId));
    }

    [Fact]
    public void Every_engine_error_id_is_declared_once_with_its_own_value()
    {
        var values = typeof(MigrationErrorIds).GetFields()
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.Equal(values.Count, values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    private static ClerkCreateUserRequest Payload(IDictionary<string, object?>? metadata = null) => new()
    {
        PasswordHasher = ClerkCreateUserRequest.AwsCognitoHasher,
        PasswordDigest = Digest,
        ExternalId = "sub-ann",
        EmailAddress = new List<string> { "ann@example.com" },
        EmailAddressIdentificationStatus = new List<string> { "verified" },
        PrivateMetadata = metadata,
    };
}
