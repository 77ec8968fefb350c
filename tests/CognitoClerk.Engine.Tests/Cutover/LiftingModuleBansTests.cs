using System.Text.Json.Nodes;
using CognitoClerk.Emulators;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Cutover;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Tests.Support;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cutover;

/// <summary>
/// A ban or lock the sync placed because Cognito disabled a user is recorded (private_metadata.cognito.access) and
/// lifted once Cognito enables the user again; a ban or lock the module did not place never is. The planner's rules
/// (offline, every combination), then what the sync does to Clerk users (against the emulator), failures half way included.
/// </summary>
public sealed class LiftingModuleBansTests
{
    private static readonly SyncOptions Defaults = new(CutoverFixtures.Options());

    public static IEnumerable<object[]> EveryCombination()
    {
        foreach (bool signedIn in new[] { false, true })
        foreach (AccessChange record in new[] { AccessChange.None, AccessChange.Ban, AccessChange.Lock })
        foreach (string clerk in new[] { "active", "banned", "locked" })
        foreach (bool enabled in new[] { true, false })
        foreach (DisabledInCognitoAction action in new[] { DisabledInCognitoAction.Ban, DisabledInCognitoAction.Lock, DisabledInCognitoAction.None })
        foreach (bool includeSignedIn in new[] { false, true })
        {
            yield return new object[] { signedIn, record, clerk, enabled, action, includeSignedIn };
        }
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public void Only_the_modules_own_ban_or_lock_is_ever_lifted_and_only_once_Cognito_enables_the_user(
        bool signedIn, AccessChange record, string clerk, bool enabled, DisabledInCognitoAction action, bool includeSignedIn)
    {
        SyncRow row = Row(signedIn, record, clerk, enabled);
        var options = new SyncOptions(CutoverFixtures.Options()) { DisabledAction = action, IncludeSignedIn = includeSignedIn };
        bool banned = clerk == "banned";
        bool locked = clerk == "locked";
        bool heldBack = signedIn && !includeSignedIn;

        SyncPlan plan = SyncPlanner.Plan(row, options);

        // Lifted exactly when the record names the restriction in place, Cognito enabled the user, and the action is not None: signed in or not.
        Assert.Equal(enabled && record == AccessChange.Ban && banned && action != DisabledInCognitoAction.None, plan.Access == AccessChange.Unban);
        Assert.Equal(enabled && record == AccessChange.Lock && locked && action != DisabledInCognitoAction.None, plan.Access == AccessChange.Unlock);

        // A ban or lock without the record: never lifted, and the row says so once Cognito has enabled the user.
        if (enabled && banned && record != AccessChange.Ban)
        {
            Assert.Contains("Banned in Clerk, not by this module; left as it is.", plan.SkipReason);
        }

        if (enabled && locked && record != AccessChange.Lock)
        {
            Assert.Contains("Locked in Clerk, not by this module; left as it is.", plan.SkipReason);
        }

        bool moduleInPlace = (record == AccessChange.Ban && banned) || (record == AccessChange.Lock && locked);
        if (enabled && moduleInPlace && action == DisabledInCognitoAction.None)
        {
            Assert.Contains("the disabled action is None", plan.SkipReason);
        }

        // Banned or locked anew only when Cognito disabled an active user, the action says so, and signed-in users are included or this one never signed in.
        bool restricts = !enabled && clerk == "active" && action != DisabledInCognitoAction.None && !heldBack;
        Assert.Equal(restricts && action == DisabledInCognitoAction.Ban, plan.Access == AccessChange.Ban);
        Assert.Equal(restricts && action == DisabledInCognitoAction.Lock, plan.Access == AccessChange.Lock);

        // A record whose restriction is gone is forgotten (a new ban or lock rewrites it instead), so a later ban by hand is never taken for the module's.
        bool stale = (record == AccessChange.Ban && !banned) || (record == AccessChange.Lock && !locked);
        Assert.Equal(stale && !restricts, plan.Access == AccessChange.ForgetRecord);

        // Fields are never changed for a signed-in user unless they are included.
        if (heldBack)
        {
            Assert.Empty(plan.Fields);
        }
        else
        {
            Assert.Equal(new[] { "first_name" }, plan.Fields);
        }
    }

    [Theory]
    [InlineData(AccessChange.Ban, "banned", true, "update first_name; unban")]
    [InlineData(AccessChange.Lock, "locked", true, "update first_name; unlock")]
    [InlineData(AccessChange.None, "banned", true, "update first_name")]
    [InlineData(AccessChange.Ban, "banned", false, "update first_name")]
    [InlineData(AccessChange.Ban, "active", true, "update first_name; forget record")]
    [InlineData(AccessChange.Lock, "active", false, "update first_name; ban")]
    public void The_plan_in_words(AccessChange record, string clerk, bool enabled, string expected)
    {
        Assert.Equal(expected, SyncPlanner.Plan(Row(false, record, clerk, enabled), new SyncOptions(CutoverFixtures.Options())).Describe());
    }

    [Fact]
    public void A_deleted_Cognito_user_is_never_unbanned_and_a_row_of_an_older_status_says_it_cannot_tell()
    {
        var deleted = new SyncRow { State = MigrationState.DeletedInCognito, ClerkUserId = "user_1", ExternalId = CutoverFixtures.Sub(1), ClerkBanned = true, ModuleRestriction = AccessChange.Ban };
        Assert.Equal("nothing", SyncPlanner.Plan(deleted, new SyncOptions(CutoverFixtures.Options())).Describe());

        SyncRow older = Row(false, AccessChange.None, "banned", true);
        older.ModuleRestrictionKnown = false;
        SyncPlan plan = SyncPlanner.Plan(older, new SyncOptions(CutoverFixtures.Options()));
        Assert.Equal(AccessChange.None, plan.Access);
        Assert.Contains("does not say whether this module placed the ban", plan.SkipReason);
    }

    [Fact]
    public async Task A_ban_for_a_disabled_user_is_recorded_counted_when_Cognito_enables_them_and_lifted_by_the_next_sync()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        string id = CutoverFixtures.Migrate(clerk, ann);
        SyncOptions sync = Defaults;
        DateTimeOffset before = DateTimeOffset.UtcNow.AddSeconds(-1);

        SyncOutcome banned = await SyncAsync(api, sync, Disabled(ann));

        Assert.Equal((SyncStatus.Banned, "ban"), (banned.Status, banned.Applied.Single()));
        AccessRecord record = AccessRecord.Read((await api.GetUserAsync(id, CancellationToken.None))!.PrivateMetadata)!;
        Assert.True(record.IsBanForDisabled);
        Assert.InRange(record.At!.Value, before, DateTimeOffset.UtcNow.AddSeconds(1));
        JsonObject stored = JsonNode.Parse(clerk.Users.Single().PrivateMetadataJson!)!.AsObject();
        Assert.Equal("disabled_in_cognito", stored["cognito"]!["access"]!["reason"]!.GetValue<string>());
        Assert.NotNull(stored["cognito"]!["imported"]);

        // While Cognito keeps them disabled, nothing more; once it enables them, the status counts them and the sync lifts the ban.
        Assert.Equal(SyncStatus.InStep, (await SyncAsync(api, sync, Disabled(ann))).Status);
        MigrationStatusEntry entry = (await CutoverFixtures.StatusAsync(api, new[] { ann })).Single();
        Assert.Equal(AccessChange.Ban, entry.ModuleRestriction);
        var tally = new MigrationStatusTally();
        tally.Add(entry);
        Assert.Equal(1, tally.ReenabledButBanned);

        SyncOutcome lifted = await SyncAsync(api, sync, ann);

        Assert.Equal((SyncStatus.Unbanned, "unban"), (lifted.Status, lifted.Applied.Single()));
        ClerkUser after = (await api.GetUserAsync(id, CancellationToken.None))!;
        Assert.False(after.Banned);
        Assert.Null(AccessRecord.Read(after.PrivateMetadata));
        Assert.NotNull(ImportRecord.Read(after.PrivateMetadata));
        Assert.Equal(SyncStatus.InStep, (await SyncAsync(api, sync, ann)).Status);
    }

    [Fact]
    public async Task A_lock_is_recorded_and_lifted_the_same_way_and_None_lifts_nothing()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        string id = CutoverFixtures.Migrate(clerk, ann);
        var locking = new SyncOptions(CutoverFixtures.Options()) { DisabledAction = DisabledInCognitoAction.Lock };
        var none = new SyncOptions(CutoverFixtures.Options()) { DisabledAction = DisabledInCognitoAction.None };

        Assert.Equal(SyncStatus.Locked, (await SyncAsync(api, locking, Disabled(ann))).Status);
        Assert.True(AccessRecord.Read((await api.GetUserAsync(id, CancellationToken.None))!.PrivateMetadata)!.IsLockForDisabled);

        SyncOutcome kept = await SyncAsync(api, none, ann);
        Assert.Equal(SyncStatus.Skipped, kept.Status);
        Assert.Contains("the disabled action is None", kept.Reason);
        Assert.True(clerk.Users.Single().Locked);

        // -DisabledAction Ban lifts the module's lock too: the action decides whether the sync touches access, the record what is lifted.
        SyncOutcome lifted = await SyncAsync(api, Defaults, ann);
        Assert.Equal((SyncStatus.Unlocked, "unlock"), (lifted.Status, lifted.Applied.Single()));
        Assert.False(clerk.Users.Single().Locked);
        Assert.Null(AccessRecord.Read((await api.GetUserAsync(id, CancellationToken.None))!.PrivateMetadata));
    }

    [Fact]
    public async Task A_ban_placed_by_hand_is_never_lifted_nor_recorded_even_when_it_lands_between_the_status_and_the_sync()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        CognitoUser bob = CutoverFixtures.User("bob", 2);
        string annId = CutoverFixtures.Migrate(clerk, ann);
        string bobId = CutoverFixtures.Migrate(clerk, bob);
        SyncOptions sync = Defaults;

        // Ann: banned in the dashboard for fraud; Cognito has her enabled.
        await api.BanUserAsync(annId, CancellationToken.None);
        SyncOutcome annOutcome = await SyncAsync(api, sync, ann);
        Assert.Equal(SyncStatus.Skipped, annOutcome.Status);
        Assert.Equal("Banned in Clerk, not by this module; left as it is.", annOutcome.Reason);
        Assert.True(clerk.Users.Single(u => u.Id == annId).Banned);

        // Bob: disabled in Cognito; the status sees him active, then someone bans him by hand before the sync.
        SyncRow bobRow = await RowAsync(api, Disabled(bob));
        await api.BanUserAsync(bobId, CancellationToken.None);
        SyncOutcome bobOutcome = await new ClerkUserSync(api, sync).ApplyAsync(bobRow, SyncPlanner.Plan(bobRow, sync), CancellationToken.None);
        Assert.Equal(SyncStatus.Skipped, bobOutcome.Status);
        Assert.Contains("since the status was read, not by this module", bobOutcome.Reason);
        Assert.Null(AccessRecord.Read((await api.GetUserAsync(bobId, CancellationToken.None))!.PrivateMetadata));
        Assert.Equal(SyncStatus.Skipped, (await SyncAsync(api, sync, bob)).Status);
        Assert.True(clerk.Users.Single(u => u.Id == bobId).Banned);
    }

    [Fact]
    public async Task A_record_removed_since_the_status_stops_the_lift_and_a_stale_record_is_forgotten_before_a_ban_by_hand()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        string id = CutoverFixtures.Migrate(clerk, ann);
        SyncOptions sync = Defaults;
        await SyncAsync(api, sync, Disabled(ann));

        // The status saw the module's ban; then the admin took the ban over (removed the record) before the sync.
        SyncRow row = await RowAsync(api, ann);
        Assert.Equal(AccessChange.Unban, SyncPlanner.Plan(row, Defaults).Access);
        await api.UpdateUserMetadataAsync(id, null, AccessRecord.Removal(), null, CancellationToken.None);
        SyncOutcome kept = await new ClerkUserSync(api, sync).ApplyAsync(row, SyncPlanner.Plan(row, sync), CancellationToken.None);
        Assert.Equal(SyncStatus.Skipped, kept.Status);
        Assert.Contains("not by this module", kept.Reason);
        Assert.True(clerk.Users.Single().Banned);

        // Again banned by the module, then unbanned by hand: the record is stale, and the next sync forgets it.
        await api.UnbanUserAsync(id, CancellationToken.None);
        await SyncAsync(api, sync, Disabled(ann));
        await api.UnbanUserAsync(id, CancellationToken.None);
        SyncOutcome forgotten = await SyncAsync(api, sync, ann);
        Assert.Equal((SyncStatus.Updated, "forget ban record"), (forgotten.Status, forgotten.Applied.Single()));
        Assert.Null(AccessRecord.Read((await api.GetUserAsync(id, CancellationToken.None))!.PrivateMetadata));

        // Months later a ban by hand: never lifted.
        await api.BanUserAsync(id, CancellationToken.None);
        Assert.Equal(SyncStatus.Skipped, (await SyncAsync(api, sync, ann)).Status);
        Assert.True(clerk.Users.Single().Banned);
    }

    [Fact]
    public async Task The_record_failing_after_the_ban_leaves_a_ban_no_sync_lifts_with_its_own_ErrorId()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using var fails = new FailsOnce(r => r.Method == HttpMethod.Patch && r.RequestUri!.AbsolutePath.EndsWith("/metadata", StringComparison.Ordinal));
        using ClerkBackendApi api = ClerkBackendApi.Create(ClerkTestSettings.For(clerk, configure: s => s.MaxRetryAttempts = 0), fails);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        CutoverFixtures.Migrate(clerk, ann);
        SyncOptions sync = Defaults;

        fails.Armed = true;
        SyncOutcome failed = await SyncAsync(api, sync, Disabled(ann));

        Assert.Equal((SyncStatus.Failed, MigrationErrorIds.AccessRecordNotWritten), (failed.Status, failed.ErrorId));
        Assert.Equal(new[] { "ban" }, failed.Applied);
        Assert.Contains("no later sync will lift it", failed.Reason);
        Assert.True(clerk.Users.Single().Banned);

        SyncOutcome enabled = await SyncAsync(api, sync, ann);
        Assert.Equal(SyncStatus.Skipped, enabled.Status);
        Assert.True(clerk.Users.Single().Banned);
    }

    [Fact]
    public async Task The_lift_failing_after_the_record_is_removed_leaves_the_user_banned_and_never_lifted_later()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using var fails = new FailsOnce(r => r.Method == HttpMethod.Post && r.RequestUri!.AbsolutePath.EndsWith("/unban", StringComparison.Ordinal));
        using ClerkBackendApi api = ClerkBackendApi.Create(ClerkTestSettings.For(clerk, configure: s => s.MaxRetryAttempts = 0), fails);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        string id = CutoverFixtures.Migrate(clerk, ann);
        SyncOptions sync = Defaults;
        await SyncAsync(api, sync, Disabled(ann));

        fails.Armed = true;
        SyncOutcome failed = await SyncAsync(api, sync, ann);

        Assert.Equal((SyncStatus.Failed, MigrationErrorIds.AccessNotLifted), (failed.Status, failed.ErrorId));
        Assert.True(clerk.Users.Single().Banned);
        Assert.Null(AccessRecord.Read((await api.GetUserAsync(id, CancellationToken.None))!.PrivateMetadata));
        Assert.Equal(SyncStatus.Skipped, (await SyncAsync(api, sync, ann)).Status);
        Assert.True(clerk.Users.Single().Banned);
    }

    [Fact]
    public async Task A_signed_in_user_banned_with_IncludeSignedIn_is_unbanned_without_it_and_signs_in_again()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        using var probe = new ClerkSignInProbe(clerk.BaseUrl, clerk.Options.SecretKey);
        var body = new JsonObject
        {
            ["external_id"] = CutoverFixtures.Sub(1),
            ["password"] = "correct-horse-1",
            ["first_name"] = "Given1",
            ["last_name"] = "Family1",
            ["email_address"] = new JsonArray("ann@example.com"),
            ["private_metadata"] = new JsonObject { ["cognito"] = new JsonObject { ["username"] = "ann", ["user_pool_id"] = CutoverFixtures.Pool, ["imported"] = new JsonObject() } },
        };
        string id = clerk.AddUser(body.ToJsonString());
        Assert.True((await probe.SignInAsync(id, "correct-horse-1")).Verified);
        CognitoUser ann = CutoverFixtures.User("ann", 1);
        var including = new SyncOptions(CutoverFixtures.Options()) { IncludeSignedIn = true };

        SyncRow disabled = await RowAsync(api, Disabled(ann));
        Assert.Equal(MigrationState.SignedIn, disabled.State);
        Assert.Equal("nothing", SyncPlanner.Plan(disabled, Defaults).Describe());
        Assert.Equal(SyncStatus.Banned, (await new ClerkUserSync(api, including).ApplyAsync(disabled, SyncPlanner.Plan(disabled, including), CancellationToken.None)).Status);
        Assert.Equal("user_banned", (await probe.SignInAsync(id, "correct-horse-1")).ErrorCode);

        SyncOutcome lifted = await SyncAsync(api, Defaults, ann);

        Assert.Equal(SyncStatus.Unbanned, lifted.Status);
        Assert.True((await probe.SignInAsync(id, "correct-horse-1")).Verified);
    }

    [Fact]
    public async Task A_user_deleted_in_Cognito_is_banned_without_a_record()
    {
        await using var clerk = await ClerkEmulator.StartAsync();
        using ClerkBackendApi api = ClerkTestSettings.Client(clerk);
        string id = CutoverFixtures.Migrate(clerk, CutoverFixtures.User("gone", 1));
        var row = new SyncRow { State = MigrationState.DeletedInCognito, ClerkUserId = id, ExternalId = CutoverFixtures.Sub(1), UserPoolId = CutoverFixtures.Pool };

        SyncOutcome outcome = await new ClerkUserSync(api, Defaults).ApplyAsync(row, SyncPlanner.Plan(row, Defaults), CancellationToken.None);

        Assert.Equal(SyncStatus.Banned, outcome.Status);
        Assert.Null(AccessRecord.Read((await api.GetUserAsync(id, CancellationToken.None))!.PrivateMetadata));
    }

    private static SyncRow Row(bool signedIn, AccessChange record, string clerk, bool enabled) => new()
    {
        State = signedIn ? MigrationState.SignedIn : MigrationState.AwaitingFirstSignIn,
        Username = "ann",
        UserPoolId = CutoverFixtures.Pool,
        ExternalId = CutoverFixtures.Sub(1),
        ClerkUserId = "user_1",
        CognitoEnabled = enabled,
        LastSignInAt = signedIn ? DateTimeOffset.UtcNow : null,
        ClerkBanned = clerk == "banned",
        ClerkLocked = clerk == "locked",
        ModuleRestriction = record,
        Changes = new[] { "first_name" },
        CognitoUser = CutoverFixtures.User("ann", 1, enabled: enabled),
    };

    private static CognitoUser Disabled(CognitoUser user) => CutoverFixtures.With(user, "given_name", user.GetAttribute("given_name"), enabled: false);

    private static async Task<SyncRow> RowAsync(IClerkBackendApi api, CognitoUser user) =>
        CutoverFixtures.Row((await CutoverFixtures.StatusAsync(api, new[] { user })).Single());

    /// <summary>The status of <paramref name="user"/> as Cognito has them, then the sync of that row.</summary>
    private static async Task<SyncOutcome> SyncAsync(IClerkBackendApi api, SyncOptions options, CognitoUser user)
    {
        SyncRow row = await RowAsync(api, user);
        return await new ClerkUserSync(api, options).ApplyAsync(row, SyncPlanner.Plan(row, options), CancellationToken.None);
    }

    /// <summary>Answers the next request that matches with a 500, once armed; everything else goes through.</summary>
    private sealed class FailsOnce(Func<HttpRequestMessage, bool> matches) : DelegatingHandler(new HttpClientHandler())
    {
        public bool Armed { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Armed && matches(request))
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
