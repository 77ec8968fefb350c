using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Readiness;
using CognitoClerk.Engine.Validation;
using CognitoClerk.Engine.Tests.Readiness;
using Xunit;

namespace CognitoClerk.Engine.Tests.Validation;

public class MigratedUserValidatorTests
{
    private const string Password = "Corr3ct-Horse!";

    private static MigratedUserTarget Target(string identifier = "alice", string? sub = "sub-1", string? email = "alice@example.com") => new()
    {
        Identifier = identifier,
        UserPoolId = Pools.PoolId,
        ClientId = Pools.ClientId,
        ExternalId = sub,
        Email = email,
    };

    [Theory]
    [InlineData(CognitoPasswordOutcome.Authenticated, null, CognitoSignInStatus.Authenticated)]
    [InlineData(CognitoPasswordOutcome.WrongPassword, null, CognitoSignInStatus.WrongPassword)]
    [InlineData(CognitoPasswordOutcome.UserNotFound, null, CognitoSignInStatus.UserNotFound)]
    [InlineData(CognitoPasswordOutcome.UserNotConfirmed, null, CognitoSignInStatus.UserNotConfirmed)]
    [InlineData(CognitoPasswordOutcome.PasswordResetRequired, null, CognitoSignInStatus.PasswordResetRequired)]
    [InlineData(CognitoPasswordOutcome.Challenge, "NEW_PASSWORD_REQUIRED", CognitoSignInStatus.Challenge)]
    [InlineData(CognitoPasswordOutcome.Challenge, "SOFTWARE_TOKEN_MFA", CognitoSignInStatus.Challenge)]
    public async Task Each_Cognito_answer_becomes_a_status_that_never_holds_the_password(CognitoPasswordOutcome outcome, string? challenge, CognitoSignInStatus expected)
    {
        var cognito = new FakeCognito { SignIn = (_, _, _) => new CognitoPasswordCheck(outcome, challenge, "Incorrect username or password.") };

        CognitoSignInStep step = await new MigratedUserValidator(cognito, null).SignInToCognitoAsync(Target(), Password, CancellationToken.None);

        Assert.Equal(expected, step.Status);
        Assert.Equal(challenge, step.ChallengeName);
        Assert.DoesNotContain(Password, step.Detail);
        Assert.Equal(new[] { $"InitiateAuth {Pools.ClientId} alice" }, cognito.Calls);
        if (challenge != null)
        {
            Assert.Contains(challenge, step.Detail);
        }
    }

    [Fact]
    public async Task A_service_error_is_a_failed_step_but_a_missing_client_is_thrown_for_the_caller_to_stop()
    {
        var failing = new FakeCognito { SignIn = (_, _, _) => throw new CognitoServiceException("InitiateAuth", 400, "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client") };
        var missing = new FakeCognito { SignIn = (_, _, _) => throw new CognitoServiceException("InitiateAuth", 400, "ResourceNotFoundException", "User pool client does not exist.") };

        CognitoSignInStep step = await new MigratedUserValidator(failing, null).SignInToCognitoAsync(Target(), Password, CancellationToken.None);

        Assert.Equal(CognitoSignInStatus.Failed, step.Status);
        Assert.Contains("flow not enabled", step.Detail);
        await Assert.ThrowsAsync<CognitoServiceException>(() => new MigratedUserValidator(missing, null).SignInToCognitoAsync(Target(), Password, CancellationToken.None));
    }

    [Fact]
    public async Task The_Clerk_user_is_found_by_external_id_first()
    {
        var clerk = new FakeClerk();
        clerk.Users.Add(new ClerkUser { Id = "user_other", EmailAddresses = new[] { "alice@example.com" } });
        clerk.Users.Add(new ClerkUser { Id = "user_alice", ExternalId = "sub-1" });

        ClerkUser? user = await new MigratedUserValidator(new FakeCognito(), clerk).FindClerkUserAsync(Target(), CancellationToken.None);

        Assert.Equal("user_alice", user?.Id);
        Assert.Equal(new[] { "FindByExternalId sub-1" }, clerk.Calls);
    }

    [Fact]
    public async Task Without_a_match_by_external_id_the_email_finds_the_user()
    {
        var clerk = new FakeClerk();
        clerk.Users.Add(new ClerkUser { Id = "user_alice", EmailAddresses = new[] { "alice@example.com" } });

        ClerkUser? user = await new MigratedUserValidator(new FakeCognito(), clerk).FindClerkUserAsync(Target(sub: null, email: null, identifier: "alice@example.com"), CancellationToken.None);

        Assert.Equal("user_alice", user?.Id);
    }

    [Fact]
    public async Task A_bare_identifier_is_tried_as_the_external_id_because_it_is_the_sub_in_email_as_username_pools()
    {
        var clerk = new FakeClerk();
        clerk.Users.Add(new ClerkUser { Id = "user_alice", ExternalId = "6f1c9a52-0000-4000-8000-000000000001" });

        ClerkUser? user = await new MigratedUserValidator(new FakeCognito(), clerk)
            .FindClerkUserAsync(Target(identifier: "6f1c9a52-0000-4000-8000-000000000001", sub: null, email: null), CancellationToken.None);

        Assert.Equal("user_alice", user?.Id);
    }

    [Fact]
    public async Task Clerks_answers_become_statuses()
    {
        var user = new ClerkUser { Id = "user_alice" };
        var accepting = new FakeClerk { Verify = (_, p) => p == Password };
        var noPassword = new FakeClerk { VerifyFailure = new ClerkApiException(400, "no_password_set", "The user does not have a password set.", null, null, "t1") };
        var broken = new FakeClerk { VerifyFailure = new ClerkApiException(500, "internal_clerk_error", "Oops", null, null, "t2") };
        var refusedKey = new FakeClerk { VerifyFailure = new ClerkApiException(401, "authentication_invalid", "Unauthorized", null, null, "t3") };

        Assert.Equal(ClerkPasswordStatus.Verified, (await new MigratedUserValidator(new FakeCognito(), accepting).VerifyInClerkAsync(user, Password, default)).Status);
        Assert.Equal(ClerkPasswordStatus.IncorrectPassword, (await new MigratedUserValidator(new FakeCognito(), accepting).VerifyInClerkAsync(user, "wrong", default)).Status);
        Assert.Equal(ClerkPasswordStatus.NoPasswordSet, (await new MigratedUserValidator(new FakeCognito(), noPassword).VerifyInClerkAsync(user, Password, default)).Status);
        ClerkPasswordStep failed = await new MigratedUserValidator(new FakeCognito(), broken).VerifyInClerkAsync(user, Password, default);
        Assert.Equal(ClerkPasswordStatus.Failed, failed.Status);
        Assert.Equal("t2", failed.TraceId);
        await Assert.ThrowsAsync<ClerkApiException>(() => new MigratedUserValidator(new FakeCognito(), refusedKey).VerifyInClerkAsync(user, Password, default));
    }

    [Fact]
    public async Task An_identifier_alone_is_completed_from_Cognito_so_the_Clerk_user_is_found_by_its_sub()
    {
        var cognito = new FakeCognito();
        cognito.Users.Add(new CognitoUser("alice", new[] { new KeyValuePair<string, string?>("sub", "sub-1"), new KeyValuePair<string, string?>("email", "alice@example.com") }));
        MigratedUserTarget target = Target(sub: null, email: null);

        string said = await new MigratedUserValidator(cognito, new FakeClerk()).CompleteFromCognitoAsync(target, CancellationToken.None);

        Assert.Equal("sub-1", target.ExternalId);
        Assert.Equal("alice@example.com", target.Email);
        Assert.Contains("sub-1", said);
        Assert.Equal(new[] { "ListUsers username = \"alice\"" }, cognito.Calls);
    }

    [Fact]
    public async Task An_email_identifier_is_looked_up_by_username_then_by_email()
    {
        var cognito = new FakeCognito();
        cognito.Users.Add(new CognitoUser("6f1c9a52-0000-4000-8000-000000000001", new[] { new KeyValuePair<string, string?>("sub", "6f1c9a52-0000-4000-8000-000000000001"), new KeyValuePair<string, string?>("email", "bob@example.com") }));
        MigratedUserTarget target = Target(identifier: "bob@example.com", sub: null, email: null);

        await new MigratedUserValidator(cognito, new FakeClerk()).CompleteFromCognitoAsync(target, CancellationToken.None);

        Assert.Equal("6f1c9a52-0000-4000-8000-000000000001", target.ExternalId);
        Assert.Equal(new[] { "ListUsers username = \"bob@example.com\"", "ListUsers email = \"bob@example.com\"" }, cognito.Calls);
    }

    [Fact]
    public async Task A_failed_Cognito_read_leaves_the_target_alone_and_says_why()
    {
        var cognito = new FakeCognito { ListFailure = new CognitoCredentialsException("No AWS credentials were found.", null) };
        MigratedUserTarget target = Target(sub: null, email: null);

        string said = await new MigratedUserValidator(cognito, new FakeClerk()).CompleteFromCognitoAsync(target, CancellationToken.None);

        Assert.Null(target.ExternalId);
        Assert.Contains("No AWS credentials", said);
    }

    [Fact]
    public async Task Nobody_found_after_a_failed_Cognito_read_is_a_failed_step_not_a_user_who_is_not_migrated()
    {
        // The user is migrated (Clerk holds their sub), but only the username was given and Cognito could not be read.
        var cognito = new FakeCognito { ListFailure = new CognitoCredentialsException("No AWS credentials were found.", null) };
        var clerk = new FakeClerk();
        clerk.Users.Add(new ClerkUser { Id = "user_alice", ExternalId = "sub-1" });
        var validator = new MigratedUserValidator(cognito, clerk);
        MigratedUserTarget target = Target(sub: null, email: null);

        await validator.CompleteFromCognitoAsync(target, CancellationToken.None);
        Assert.Null(await validator.FindClerkUserAsync(target, CancellationToken.None));
        ClerkPasswordStep step = MigratedUserValidator.NotInClerk(target);

        Assert.Equal(ClerkPasswordStatus.Failed, step.Status);
        Assert.Contains("No AWS credentials", step.Detail);
        Assert.Contains("unknown", step.Detail);
        var authenticated = new CognitoSignInStep(CognitoSignInStatus.Authenticated, null, "ok");
        Assert.False(new MigratedUserValidation(target, authenticated, step).Passed);
    }

    [Fact]
    public async Task Nobody_found_after_Cognito_gave_the_sub_is_a_user_not_migrated_yet()
    {
        var cognito = new FakeCognito();
        cognito.Users.Add(new CognitoUser("alice", new[] { new KeyValuePair<string, string?>("sub", "sub-1") }));
        var validator = new MigratedUserValidator(cognito, new FakeClerk());
        MigratedUserTarget target = Target(sub: null, email: null);

        await validator.CompleteFromCognitoAsync(target, CancellationToken.None);
        Assert.Null(await validator.FindClerkUserAsync(target, CancellationToken.None));
        ClerkPasswordStep step = MigratedUserValidator.NotInClerk(target);

        Assert.Equal(ClerkPasswordStatus.UserNotInClerk, step.Status);
        Assert.Contains("external_id sub-1", step.Detail);
        Assert.Null(target.CognitoReadProblem);
    }

    [Fact]
    public async Task A_target_that_knows_its_sub_is_not_looked_up()
    {
        var cognito = new FakeCognito();

        await new MigratedUserValidator(cognito, new FakeClerk()).CompleteFromCognitoAsync(Target(), CancellationToken.None);

        Assert.Empty(cognito.Calls);
    }
}
