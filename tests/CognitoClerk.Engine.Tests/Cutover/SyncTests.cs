using System.Text.Json.Nodes;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Cutover;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cutover;

/// <summary>The sync's rules (offline) and what it does to Clerk users (against the emulator).</summary>
public sealed class SyncTests
{
    private static readonly SyncOptions Defaults = new(CutoverFixtures.Options());

    public static TheoryData<MigrationState, bool, bool, string, string> Rules => new()
    {
        // state, Cognito enabled, signed in, expected plan, expected skip reason (fragment; "" for none)
        { MigrationState.NotMigrated, true, false, "create", "" },
        { MigrationState.CannotMigrate, false, false, "nothing", "Cannot be migrated" },
        { MigrationState.AwaitingFirstSignIn, true, false, "update first_name", "" },
        { MigrationState.AwaitingFirstSignIn, false, false, "update first_name; ban", "" },
        { MigrationState.SignedIn, false, true, "nothing", "Clerk is their source of truth" },
        { MigrationState.DeletedInCognito, true, false, "ban", "" },
        { MigrationState.DeletedInCognito, true, true, "nothing", "Deleted in Cognito, but signed in" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void By_default_only_users_who_never_signed_in_are_changed(MigrationState state, bool enabled, bool signedIn, string plan, string skip)
    {
        SyncRow row = Row(state, enabled, signedIn, "first_name");

        SyncPlan planned = SyncPlanner.Plan(row, Defaults);

        Assert.Equal(plan, planned.Describe());
        Assert.Contains(skip, planned.SkipReason ?? string.Empty);
    }

    [Fact]
    public void The_actions_and_IncludeSignedIn_change_the_plan()
    {
        var options = new SyncOptions(CutoverFixtures.Options()) { DisabledAction = DisabledInCognitoAction.Lock, DeletedAction = DeletedInCognitoAction.Delete, IncludeSignedIn = true };
        var none = new SyncOptions(CutoverFixtures.Options()) { DisabledAction = DisabledInCognitoAction.None, DeletedAction = DeletedInCognitoAction.None };

        Assert.Equal("update first_name; lock", SyncPlanner.Plan(Row(MigrationState.SignedIn, false, true, "first_name"), options).Describe());
        Assert.Equal("delete", SyncPlanner.Plan(Row(MigrationState.DeletedInCognito, true, true), options).Describe());
        Assert.Equal("nothing", SyncPlanner.Plan(Row(MigrationState.AwaitingFirstSignIn, false, false), none).Describe());
        Assert.Contains("disabled action is None", SyncPlanner.Plan(Row(MigrationState.AwaitingFirstSignIn, false, false), none).SkipReason);
        Assert.Contains("deleted action is None", SyncPlanner.Plan(Row(MigrationState.DeletedInCognito, true, false), none).SkipReason);

        // Already banned: nothing more to do.
        SyncRow banned = Row(MigrationState.DeletedInCognito, true, false);
        banned.ClerkBanned = true;
        Assert.Equal("nothing", SyncPlanner.Plan(banned, Defaults).Describe());
        Assert.Equal("update first_name", SyncPlanner.Plan(Row(MigrationState.AwaitingFirstSignIn, false, false, "first_name"), Defaults).Approved(true, true, access: false).Describe());
    }

    [Fact]
    public async Task Names_are_brought_up_to_date_and_the_record_settles_on_the_new_value()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        string id = CutoverFixtures.Migrate(clerk, ann);
        SyncRow row = await RowAsync(api, CutoverFixtures.With(CutoverFixtures.With(ann, "given_name", "Anne"), "family_name", null));

        SyncOutcome outcome = await new ClerkUserSync(api, Defaults).ApplyAsync(row, SyncPlanner.Plan(row, Defaults), CancellationToken.None);

        Assert.Equal(SyncStatus.Updated, outcome.Status);
        Assert.Equal(new[] { "first_name", "last_name" }, outcome.Applied);
        ClerkUser after = (await api.GetUserAsync(id, CancellationToken.None))!;
        Assert.Equal(("Anne", (string?)null), (after.FirstName, after.LastName));
        ImportRecord record = ImportRecord.Read(after.PrivateMetadata)!;
        Assert.True(record.IsAsImported("first_name", "Anne"));
        Assert.False(record.IsAsImported("first_name", "Given1"));
        Assert.DoesNotContain("last_name", record.Fields);
        Assert.Empty((await RowAsync(api, row.CognitoUser!)).Changes);
        Assert.Equal(0, clerk.Stats.TooManyRequests);
    }

    [Fact]
    public async Task A_value_changed_in_Clerk_since_the_import_is_never_overwritten()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        string id = CutoverFixtures.Migrate(clerk, ann);
        await api.UpdateUserAsync(id, new ClerkUpdateUserRequest().SetFirstName("Annie (set in Clerk)"), CancellationToken.None);
        SyncRow row = await RowAsync(api, CutoverFixtures.With(CutoverFixtures.With(ann, "given_name", "Anne"), "family_name", "Lee"));

        SyncOutcome outcome = await new ClerkUserSync(api, Defaults).ApplyAsync(row, SyncPlanner.Plan(row, Defaults), CancellationToken.None);

        Assert.Equal(SyncStatus.Updated, outcome.Status);
        Assert.Equal(new[] { "last_name" }, outcome.Applied);
        Assert.Contains("first_name kept: it changed in Clerk since the import", outcome.Reason);
        Assert.Equal(("Annie (set in Clerk)", "Lee"), ((await api.GetUserAsync(id, CancellationToken.None))!.FirstName, (await api.GetUserAsync(id, CancellationToken.None))!.LastName));
    }

    [Fact]
    public async Task A_changed_email_is_added_verified_as_Cognito_says_made_primary_and_the_old_one_removed()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        CognitoUser ann = CutoverFixtures.User("ann", 1, phone: "+14155550100");
        string id = CutoverFixtures.Migrate(clerk, ann);
        CognitoUser changed = CutoverFixtures.With(CutoverFixtures.With(ann, "email", "ann@new.example"), "phone_number", "+14155550199");
        changed = CutoverFixtures.With(changed, "phone_number_verified", "false");
        SyncRow row = await RowAsync(api, changed);

        SyncOutcome outcome = await new ClerkUserSync(api, Defaults).ApplyAsync(row, SyncPlanner.Plan(row, Defaults), CancellationToken.None);

        Assert.Equal(SyncStatus.Updated, outcome.Status);
        Assert.Equal(new[] { "email_address", "phone_number" }, outcome.Applied);
        ClerkEmulatorUser stored = clerk.Users.Single(u => u.Id == id);
        Assert.Equal(new[] { ("ann@new.example", "verified") }, stored.EmailAddresses.Select(e => (e.Value, e.Status)));
        Assert.Equal(new[] { ("+14155550199", "unverified") }, stored.PhoneNumbers.Select(p => (p.Value, p.Status)));
        Assert.Equal("ann@new.example", stored.PrimaryEmailAddress);
        Assert.Empty((await RowAsync(api, changed)).Changes);

        // The address the user had is free again, the password untouched.
        Assert.Equal("awscognito", stored.PasswordHasher);
    }

    [Fact]
    public async Task An_email_another_Clerk_user_holds_is_not_taken_and_the_row_says_so()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        string id = CutoverFixtures.Migrate(clerk, ann);
        clerk.AddUser("""{"external_id":"other","email_address":["taken@example.com"]}""");
        SyncRow row = await RowAsync(api, CutoverFixtures.With(ann, "email", "taken@example.com"));

        SyncOutcome outcome = await new ClerkUserSync(api, Defaults).ApplyAsync(row, SyncPlanner.Plan(row, Defaults), CancellationToken.None);

        Assert.Equal(SyncStatus.Skipped, outcome.Status);
        Assert.Contains("belongs to another Clerk user", outcome.Reason);
        Assert.Equal("ann@example.com", clerk.Users.Single(u => u.Id == id).PrimaryEmailAddress);

        // The record still recognises the old address (the change is marked as under way), so a later sync may try again.
        Assert.True(ImportRecord.Read((await api.GetUserAsync(id, CancellationToken.None))!.PrivateMetadata)!.IsAsImported("email_address", "ann@example.com"));
    }

    [Fact]
    public async Task A_change_cut_off_half_way_leaves_the_user_recognised_and_the_next_sync_finishes_it()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using var cutOff = new NameUpdateFails();
        using ClerkBackendApi api = ClerkBackendApi.Create(ClerkTestSettings.For(clerk, configure: s => s.MaxRetryAttempts = 0), cutOff);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        string id = CutoverFixtures.Migrate(clerk, ann);
        SyncRow row = await RowAsync(api, CutoverFixtures.With(ann, "given_name", "Anne"));

        // The record is marked as changing, then the name update itself fails.
        cutOff.Armed = true;
        SyncOutcome failed = await new ClerkUserSync(api, Defaults).ApplyAsync(row, SyncPlanner.Plan(row, Defaults), CancellationToken.None);
        Assert.Equal(SyncStatus.Failed, failed.Status);
        Assert.Equal(MigrationErrorIds.RequestFailed, failed.ErrorId);
        Assert.Equal("Given1", clerk.Users.Single().FirstName);
        Assert.True(ImportRecord.Read((await api.GetUserAsync(id, CancellationToken.None))!.PrivateMetadata)!.IsAsImported("first_name", "Anne"));

        SyncOutcome second = await new ClerkUserSync(api, Defaults).ApplyAsync(row, SyncPlanner.Plan(row, Defaults), CancellationToken.None);
        Assert.Equal(SyncStatus.Updated, second.Status);
        Assert.Equal("Anne", clerk.Users.Single().FirstName);
    }

    [Fact]
    public async Task Disabled_users_are_banned_deleted_ones_deleted_and_a_user_not_brought_over_is_never_touched()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        CognitoUser disabled = CutoverFixtures.User("disabled", 1);
        string disabledId = CutoverFixtures.Migrate(clerk, disabled);
        string deletedId = CutoverFixtures.Migrate(clerk, CutoverFixtures.User("deleted", 2));
        string foreignId = clerk.AddUser($$"""{"external_id":"{{CutoverFixtures.Sub(3)}}","first_name":"Made in Clerk"}""");
        var deleting = new SyncOptions(CutoverFixtures.Options()) { DeletedAction = DeletedInCognitoAction.Delete };
        var sync = new ClerkUserSync(api, deleting);

        SyncRow disabledRow = await RowAsync(api, CutoverFixtures.With(disabled, "given_name", "Given1", enabled: false));
        SyncOutcome banned = await sync.ApplyAsync(disabledRow, SyncPlanner.Plan(disabledRow, deleting), CancellationToken.None);
        var deletedRow = new SyncRow { State = MigrationState.DeletedInCognito, ClerkUserId = deletedId, ExternalId = CutoverFixtures.Sub(2), UserPoolId = CutoverFixtures.Pool };
        SyncOutcome deleted = await sync.ApplyAsync(deletedRow, SyncPlanner.Plan(deletedRow, deleting), CancellationToken.None);
        var foreignRow = new SyncRow { State = MigrationState.DeletedInCognito, ClerkUserId = foreignId, ExternalId = CutoverFixtures.Sub(3), UserPoolId = CutoverFixtures.Pool };
        SyncOutcome foreign = await sync.ApplyAsync(foreignRow, SyncPlanner.Plan(foreignRow, deleting), CancellationToken.None);
        SyncOutcome again = await sync.ApplyAsync(deletedRow, SyncPlanner.Plan(deletedRow, deleting), CancellationToken.None);

        Assert.Equal((SyncStatus.Banned, "ban"), (banned.Status, banned.Applied.Single()));
        Assert.True(clerk.Users.Single(u => u.Id == disabledId).Banned);
        Assert.Equal(SyncStatus.Deleted, deleted.Status);
        Assert.Equal(SyncStatus.Skipped, foreign.Status);
        Assert.Contains("not brought over by this module", foreign.Reason);
        Assert.Contains(clerk.Users, u => u.Id == foreignId);
        Assert.Equal(SyncStatus.Skipped, again.Status);
        Assert.Contains("any more", again.Reason);
    }

    [Fact]
    public async Task A_user_who_signed_in_since_the_status_is_left_alone()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        using var probe = new ClerkSignInProbe(clerk.BaseUrl, clerk.Options.SecretKey);
        var body = new JsonObject
        {
            ["external_id"] = CutoverFixtures.Sub(1),
            ["password"] = "correct-horse-1",
            ["first_name"] = "Given1",
            ["private_metadata"] = new JsonObject { ["cognito"] = new JsonObject { ["username"] = "ann", ["user_pool_id"] = CutoverFixtures.Pool, ["imported"] = new JsonObject() } },
        };
        string id = clerk.AddUser(body.ToJsonString());
        SyncRow row = await RowAsync(api, CutoverFixtures.With(CutoverFixtures.User("ann", 1), "given_name", "Anne"));
        Assert.Equal(MigrationState.AwaitingFirstSignIn, row.State);
        await probe.SignInAsync(id, "correct-horse-1");

        SyncOutcome outcome = await new ClerkUserSync(api, Defaults).ApplyAsync(row, SyncPlanner.Plan(row, Defaults), CancellationToken.None);

        Assert.Equal(SyncStatus.Skipped, outcome.Status);
        Assert.Contains("signed in to Clerk since the status", outcome.Reason);
        Assert.Equal("Given1", clerk.Users.Single().FirstName);
    }

    private static SyncRow Row(MigrationState state, bool enabled, bool signedIn, params string[] changes) => new()
    {
        State = state,
        Username = "ann",
        ExternalId = CutoverFixtures.Sub(1),
        ClerkUserId = state is MigrationState.NotMigrated or MigrationState.CannotMigrate ? null : "user_1",
        CognitoEnabled = enabled,
        LastSignInAt = signedIn ? DateTimeOffset.UtcNow : null,
        Changes = changes,
        Reason = state == MigrationState.CannotMigrate ? "CognitoUserDisabled" : null,
        CognitoUser = CutoverFixtures.User("ann", 1, enabled: enabled),
    };

    private static async Task<SyncRow> RowAsync(IClerkBackendApi api, CognitoUser user) =>
        CutoverFixtures.Row((await CutoverFixtures.StatusAsync(api, new[] { user })).Single());

    /// <summary>Answers the next PATCH /v1/users/{id} (not its metadata) with a 500, once armed; everything else goes through.</summary>
    private sealed class NameUpdateFails : DelegatingHandler
    {
        public NameUpdateFails()
            : base(new HttpClientHandler())
        {
        }

        public bool Armed { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Armed && request.Method == HttpMethod.Patch && !request.RequestUri!.AbsolutePath.EndsWith("/metadata", StringComparison.Ordinal))
            {
                Armed = false;
                return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.InternalServerError)
                {
                    Content = new StringContent("""{"errors":[{"code":"internal_clerk_error","message":"x","long_message":"cut off"}]}""", System.Text.Encoding.UTF8, "application/json"),
                });
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
