using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Validation;
using Xunit;

namespace CognitoClerk.Engine.Tests.Validation;

/// <summary>The verdict and the targets of a one-user validation, which Test-ClerkMigratedUser used to decide itself.</summary>
public class MigratedUserValidationTests
{
    [Theory]
    [InlineData(CognitoSignInStatus.Authenticated, ClerkPasswordStatus.Verified, true)]
    [InlineData(CognitoSignInStatus.Authenticated, ClerkPasswordStatus.NotRun, true)]
    [InlineData(CognitoSignInStatus.Authenticated, ClerkPasswordStatus.UserNotInClerk, true)]
    [InlineData(CognitoSignInStatus.Authenticated, ClerkPasswordStatus.IncorrectPassword, false)]
    [InlineData(CognitoSignInStatus.Authenticated, ClerkPasswordStatus.NoPasswordSet, false)]
    [InlineData(CognitoSignInStatus.Authenticated, ClerkPasswordStatus.Failed, false)]
    [InlineData(CognitoSignInStatus.WrongPassword, ClerkPasswordStatus.NotRun, false)]
    [InlineData(CognitoSignInStatus.Challenge, ClerkPasswordStatus.Verified, false)]
    [InlineData(CognitoSignInStatus.NotRun, ClerkPasswordStatus.Verified, false)]
    public void Passed_means_Cognito_accepted_and_Clerk_did_not_refuse(CognitoSignInStatus cognito, ClerkPasswordStatus clerk, bool passed)
    {
        var validation = new MigratedUserValidation(new MigratedUserTarget(), new CognitoSignInStep(cognito, null, "c"), new ClerkPasswordStep(clerk, null, "k"));

        Assert.Equal(passed, validation.Passed);
        Assert.Equal(cognito == CognitoSignInStatus.NotRun && clerk == ClerkPasswordStatus.NotRun, validation.NothingRan);
    }

    [Fact]
    public void After_a_wrong_password_Clerk_is_not_asked_so_the_lockout_does_not_count_twice()
    {
        ClerkPasswordStep? blocked = MigratedUserValidator.ClerkStepBlockedBy(new CognitoSignInStep(CognitoSignInStatus.WrongPassword, null, "no"));

        Assert.Equal(ClerkPasswordStatus.NotRun, blocked!.Status);
        Assert.Contains("lockout", blocked.Detail);
        Assert.Null(MigratedUserValidator.ClerkStepBlockedBy(new CognitoSignInStep(CognitoSignInStatus.Authenticated, null, "ok")));
    }

    [Fact]
    public void A_digest_names_its_own_pool_client_and_identifier()
    {
        MigratedUserTarget? target = MigratedUserTarget.FromDigest("awscognito#us-east-1_P#client1#ann@example.com", " sub-1 ", null, "+14155550100");

        Assert.Equal(("us-east-1_P", "client1", "ann@example.com"), (target!.UserPoolId, target.ClientId, target.Identifier));
        Assert.Equal("external_id sub-1 or phone +14155550100", target.ClerkKeys);
        Assert.Null(MigratedUserTarget.FromDigest("bcrypt$2a$10$abc", null, null, null));
        Assert.Null(MigratedUserTarget.FromDigest("awscognito#us-east-1_P##ann", null, null, null));
    }

    [Fact]
    public void A_user_gives_the_identifier_its_digest_would_hold_or_says_it_has_none()
    {
        var user = new CognitoUser("ann", new List<KeyValuePair<string, string?>> { new("sub", "sub-1"), new("email", "ann@example.com") });

        MigratedUserTarget? byEmail = MigratedUserTarget.FromUser(user, IdentifierSource.Email, out MigrationSkip? none);
        MigratedUserTarget? byPhone = MigratedUserTarget.FromUser(user, IdentifierSource.PhoneNumber, out MigrationSkip? skip);

        Assert.Equal("ann@example.com", byEmail!.Identifier);
        Assert.Equal("sub-1", byEmail.ExternalId);
        Assert.Null(none);
        Assert.Null(byPhone);
        Assert.Equal(MigrationErrorIds.IdentifierMissing, skip!.ErrorId);
        Assert.Contains("phone_number attribute", skip.Reason);
        Assert.Equal("the Clerk user for 'x'", new MigratedUserTarget { Identifier = "x" }.ClerkUserDescription);
        Assert.Contains("external_id 'x'", MigratedUserValidator.NotInClerk(new MigratedUserTarget { Identifier = "x" }).Detail);
    }
}
