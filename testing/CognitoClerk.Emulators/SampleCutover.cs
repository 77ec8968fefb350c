namespace CognitoClerk.Emulators;

/// <summary>
/// The weeks between the import and the switch, played on a migrated <see cref="SampleMigrationPool"/>, for the
/// end-to-end test and the sandbox: some migrated users sign in to Clerk for real (the emulator's simulated
/// sign-in, which asks Cognito and re-hashes), then Cognito changes under Clerk: names and an email changed,
/// users disabled and deleted (some who signed in, some who did not), users added. What the status and a default
/// sync must then report is stated here, from the scenario, not read from the module.
/// </summary>
public sealed class SampleCutover
{
    /// <summary>Below this many migrated users the scenario cannot give every case its users.</summary>
    public const int MinimumMigrated = 16;

    private SampleCutover()
    {
    }

    /// <summary>Migrated users who signed in to Clerk (and were not deleted in Cognito since).</summary>
    public List<SampleMigrationUser> SignedIn { get; } = new();

    /// <summary>Migrated users who never signed in (and were not deleted in Cognito).</summary>
    public List<SampleMigrationUser> Awaiting { get; } = new();

    /// <summary>Awaiting users whose given and family names Cognito changed.</summary>
    public List<SampleMigrationUser> RenamedAwaiting { get; } = new();

    /// <summary>The awaiting user whose email Cognito changed (verified), and the new address.</summary>
    public (SampleMigrationUser User, string NewEmail) EmailChanged { get; private set; }

    /// <summary>A signed-in user whose given name Cognito changed: reported, left alone by a default sync.</summary>
    public SampleMigrationUser RenamedSignedIn { get; private set; } = null!;

    public List<SampleMigrationUser> DisabledAwaiting { get; } = new();

    public SampleMigrationUser DisabledSignedIn { get; private set; } = null!;

    /// <summary>Deleted from Cognito before they ever signed in to Clerk: a default sync bans them.</summary>
    public List<SampleMigrationUser> DeletedAwaiting { get; } = new();

    /// <summary>Deleted from Cognito after they moved: left alone by a default sync.</summary>
    public SampleMigrationUser DeletedSignedIn { get; private set; } = null!;

    /// <summary>New CONFIRMED users of the example.com domain, with their passwords.</summary>
    public List<CognitoLocalSeedUser> Added { get; } = new();

    /// <summary>A new user an admin created who never chose a password: cannot be migrated.</summary>
    public CognitoLocalSeedUser AddedUnmigratable { get; private set; } = null!;

    /// <summary>Users of the pool the migration left in Cognito that could be migrated (the ones its filter left out).</summary>
    public List<SampleMigrationUser> NotMigratedBefore { get; } = new();

    /// <summary>Users of the pool that cannot be migrated (each non-CONFIRMED status, disabled, '#' in the username).</summary>
    public List<SampleMigrationUser> Unmigratable { get; } = new();

    public int ExpectedSignedIn => SignedIn.Count;

    public int ExpectedAwaiting => Awaiting.Count;

    public int ExpectedNotMigrated => NotMigratedBefore.Count + Added.Count;

    public int ExpectedCannotMigrate => Unmigratable.Count + 1;

    public int ExpectedDeleted => DeletedAwaiting.Count + 1;

    /// <summary>Rows with Changes: the renamed and re-addressed users, awaiting or signed in.</summary>
    public int ExpectedChanged => RenamedAwaiting.Count + 1 + 1;

    public int ExpectedDisabledButActive => DisabledAwaiting.Count + 1;

    /// <summary>What a default sync (-DisabledAction Ban, -DeletedAction Ban, signed-in users left alone) must do.</summary>
    public int ExpectedCreated => ExpectedNotMigrated;

    public int ExpectedUpdated => RenamedAwaiting.Count + 1;

    public int ExpectedBanned => DisabledAwaiting.Count + DeletedAwaiting.Count;

    /// <summary>
    /// Plays the scenario: signs in the first third of the migrated users (by username, so repeatable), then
    /// changes Cognito. <paramref name="clerkIdByUsername"/> holds every migrated user's Clerk id.
    /// </summary>
    public static async Task<SampleCutover> PlayAsync(
        CognitoLocalServer cognito, string userPoolId, ClerkSignInProbe clerk, IReadOnlyList<SampleMigrationUser> pool,
        IReadOnlyDictionary<string, string> clerkIdByUsername, CancellationToken cancellationToken = default)
    {
        var scenario = new SampleCutover();
        List<SampleMigrationUser> migrated = pool.Where(u => clerkIdByUsername.ContainsKey(u.Username)).OrderBy(u => u.Username, StringComparer.Ordinal).ToList();
        if (migrated.Count < MinimumMigrated)
        {
            throw new ArgumentException($"The cutover scenario needs at least {MinimumMigrated} migrated users; {migrated.Count} were given.", nameof(clerkIdByUsername));
        }

        scenario.NotMigratedBefore.AddRange(pool.Where(u => u.Expectation == SampleMigrationExpectation.FilteredOut && u.ExpectedErrorId == null));
        scenario.Unmigratable.AddRange(pool.Where(u => u.ExpectedErrorId != null));

        int signingIn = migrated.Count / 3;
        List<SampleMigrationUser> signedIn = migrated.Take(signingIn).ToList();
        List<SampleMigrationUser> awaiting = migrated.Skip(signingIn).ToList();
        foreach (SampleMigrationUser user in signedIn)
        {
            ClerkSignInAnswer answer = await clerk.SignInAsync(clerkIdByUsername[user.Username], user.Password, cancellationToken).ConfigureAwait(false);
            if (!answer.Verified)
            {
                throw new InvalidOperationException($"The scenario's sign-in of '{user.Username}' failed: {answer}");
            }
        }

        // Cognito changes under Clerk, each case on its own users.
        scenario.RenamedAwaiting.AddRange(awaiting.Take(3));
        foreach (SampleMigrationUser user in scenario.RenamedAwaiting)
        {
            await cognito.AdminUpdateUserAttributesAsync(userPoolId, user.Username, new Dictionary<string, string>
            {
                ["given_name"] = "Renamed",
                ["family_name"] = "In-Cognito " + user.Username,
            }, cancellationToken).ConfigureAwait(false);
        }

        SampleMigrationUser readdressed = awaiting[3];
        string newEmail = "moved." + readdressed.Username.Replace('#', '-') + "@" + SampleMigrationPool.MigratedDomain;
        await cognito.AdminUpdateUserAttributesAsync(userPoolId, readdressed.Username, new Dictionary<string, string>
        {
            ["email"] = newEmail,
            ["email_verified"] = "true",
        }, cancellationToken).ConfigureAwait(false);
        scenario.EmailChanged = (readdressed, newEmail);

        scenario.DisabledAwaiting.AddRange(awaiting.Skip(4).Take(2));
        scenario.DeletedAwaiting.AddRange(awaiting.Skip(6).Take(2));
        scenario.RenamedSignedIn = signedIn[0];
        scenario.DisabledSignedIn = signedIn[1];
        scenario.DeletedSignedIn = signedIn[2];
        await cognito.AdminUpdateUserAttributesAsync(userPoolId, scenario.RenamedSignedIn.Username,
            new Dictionary<string, string> { ["given_name"] = "Renamed-After-Moving" }, cancellationToken).ConfigureAwait(false);
        foreach (SampleMigrationUser user in scenario.DisabledAwaiting.Append(scenario.DisabledSignedIn))
        {
            await cognito.AdminDisableUserAsync(userPoolId, user.Username, cancellationToken).ConfigureAwait(false);
        }

        foreach (SampleMigrationUser user in scenario.DeletedAwaiting.Append(scenario.DeletedSignedIn))
        {
            await cognito.AdminDeleteUserAsync(userPoolId, user.Username, cancellationToken).ConfigureAwait(false);
        }

        // New sign-ups since the import, and one an admin created who never chose a password.
        for (int i = 1; i <= 3; i++)
        {
            var added = new CognitoLocalSeedUser($"new.signup.{i:D2}", SampleMigrationPool.NewPassword(i))
                .With("email", $"new.signup.{i:D2}@{SampleMigrationPool.MigratedDomain}").With("email_verified", "true")
                .With("given_name", "New").With("family_name", "Signup " + i);
            scenario.Added.Add(added);
        }

        scenario.AddedUnmigratable = new CognitoLocalSeedUser("new.admin.created", SampleMigrationPool.NewPassword(99)) { UserStatus = "FORCE_CHANGE_PASSWORD" }
            .With("email", "new.admin.created@" + SampleMigrationPool.MigratedDomain);
        await cognito.SeedAsync(userPoolId, scenario.Added.Append(scenario.AddedUnmigratable), cancellationToken).ConfigureAwait(false);

        var deleted = new HashSet<string>(scenario.DeletedAwaiting.Append(scenario.DeletedSignedIn).Select(u => u.Username), StringComparer.Ordinal);
        scenario.SignedIn.AddRange(signedIn.Where(u => !deleted.Contains(u.Username)));
        scenario.Awaiting.AddRange(awaiting.Where(u => !deleted.Contains(u.Username)));
        return scenario;
    }
}
