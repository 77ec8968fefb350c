using CognitoClerk.Engine.Cutover;
using Xunit;

namespace CognitoClerk.Engine.Tests.Cutover;

/// <summary>The summary's counts and its answer to "can Cognito be switched off now?".</summary>
public sealed class MigrationStatusTallyTests
{
    [Fact]
    public void Counts_each_state_the_drift_and_the_disabled_users_still_active_in_Clerk()
    {
        var tally = new MigrationStatusTally { WholePool = true };
        Add(tally, MigrationState.SignedIn, 3);
        Add(tally, MigrationState.AwaitingFirstSignIn, 1, e => e.Differences = new[] { new ProfileDifference("first_name", "A", "B") });
        Add(tally, MigrationState.AwaitingFirstSignIn, 1, e => e.CognitoEnabled = false);
        Add(tally, MigrationState.AwaitingFirstSignIn, 1, e => { e.CognitoEnabled = false; e.ClerkBanned = true; });
        Add(tally, MigrationState.NotMigrated, 2);
        Add(tally, MigrationState.CannotMigrate, 4);
        Add(tally, MigrationState.DeletedInCognito, 1);

        Assert.Equal((2, 4, 3, 3, 1), (tally.NotMigrated, tally.CannotMigrate, tally.AwaitingFirstSignIn, tally.SignedIn, tally.DeletedInCognito));
        Assert.Equal((1, 1, 3), (tally.Changed, tally.DisabledButActiveInClerk, tally.StillNeedCognito));
        Assert.Equal(50.0, tally.SignedInPercent);
        Assert.False(tally.CognitoCanBeSwitchedOff);
        Assert.StartsWith("Not yet: 3 users in Clerk have never signed in there", tally.Verdict());
        Assert.Contains("2 users are in Cognito only and not migrated yet", tally.Verdict());
        Assert.Contains("120 requests per second per account and Region", tally.QuotaReminder());
        Assert.Contains("3 users still to come", tally.QuotaReminder());
    }

    [Fact]
    public void Cognito_can_go_once_every_migrated_user_signed_in_and_nobody_migratable_is_left()
    {
        var tally = new MigrationStatusTally { WholePool = true };
        Add(tally, MigrationState.SignedIn, 5);
        Add(tally, MigrationState.CannotMigrate, 1);

        Assert.True(tally.CognitoCanBeSwitchedOff);
        Assert.StartsWith("Yes: every migrated user has signed in to Clerk at least once", tally.Verdict());
        Assert.Contains("1 user cannot be migrated", tally.Verdict());
        Assert.Equal(100.0, tally.SignedInPercent);
    }

    [Fact]
    public void Unread_users_or_a_partial_read_make_the_answer_say_so()
    {
        var partial = new MigrationStatusTally { WholePool = false };
        Add(partial, MigrationState.SignedIn, 1);
        var unread = new MigrationStatusTally { WholePool = true };
        Add(unread, MigrationState.SignedIn, 1);
        unread.Add(new MigrationStatusEntry { State = MigrationState.NotMigrated, LookupFailure = new TimeoutException() });

        Assert.Contains("not the whole pool", partial.Verdict());
        Assert.False(unread.CognitoCanBeSwitchedOff);
        Assert.StartsWith("Cannot tell: Clerk could not be asked about 1 user.", unread.Verdict());
        Assert.Equal(1, unread.NotRead);
    }

    private static void Add(MigrationStatusTally tally, MigrationState state, int count, Action<MigrationStatusEntry>? shape = null)
    {
        for (int i = 0; i < count; i++)
        {
            var entry = new MigrationStatusEntry { State = state, ClerkUserId = state is MigrationState.SignedIn or MigrationState.AwaitingFirstSignIn ? "user_" + i : null, CognitoEnabled = true };
            shape?.Invoke(entry);
            tally.Add(entry);
        }
    }
}
