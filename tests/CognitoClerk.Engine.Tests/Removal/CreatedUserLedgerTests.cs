using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Removal;
using Xunit;

namespace CognitoClerk.Engine.Tests.Removal;

/// <summary>Which journal users are the module's to remove: Created and not removed since, on this instance.</summary>
public sealed class CreatedUserLedgerTests
{
    [Fact]
    public void Only_the_latest_Created_record_of_a_user_not_removed_since_is_a_candidate()
    {
        CreatedUserLedger ledger = CreatedUserLedger.From(new[]
        {
            Record("sub-1", "Created", "user_1"),
            Record("sub-2", "AlreadyMigrated", "user_2"),
            Record("sub-3", "Created", "user_3"),
            Removal("sub-3", "Removed", "user_3"),
            Record("sub-4", "Created", "user_4"),
            Removal("sub-4", "NotFound", "user_4"),
            Record("sub-4", "Created", "user_4b"),
            Record("sub-5", "Created", "user_5"),
            Removal("sub-5", "Kept", "user_5"),
            Record("sub-6", "Failed", null),
            Record("sub-7", "Skipped", null),
            Record("sub-8", "Conflict", null),
            Record("sub-9", "Created", null),
        });

        Assert.Equal(new[] { "user_1", "user_4b", "user_5" }, ledger.Split(null).ThisInstance.Select(c => c.ClerkUserId).OrderBy(x => x));
        Assert.Equal(1, ledger.CreatedWithoutClerkId);
        Assert.Equal(13, ledger.RecordsRead);
    }

    [Fact]
    public void Users_created_on_another_instance_are_set_apart_and_records_without_an_instance_count_as_this_one()
    {
        CreatedUserLedger ledger = CreatedUserLedger.From(new[]
        {
            Record("sub-1", "Created", "user_1", "ins_here"),
            Record("sub-2", "Created", "user_2", "ins_elsewhere"),
            Record("sub-3", "Created", "user_3", null),
        });

        (IReadOnlyList<RemovalCandidate> mine, IReadOnlyList<RemovalCandidate> others) = ledger.Split("ins_here");

        Assert.Equal(new[] { "user_1", "user_3" }, mine.Select(c => c.ClerkUserId).OrderBy(x => x));
        Assert.Equal("user_2", Assert.Single(others).ClerkUserId);
        Assert.Equal("ins_elsewhere", others[0].InstanceId);
    }

    private static MigrationJournalRecord Record(string sub, string status, string? clerkId, string? instance = null) => new()
    {
        UserPoolId = "us-east-1_Pool",
        ExternalId = sub,
        CognitoUsername = "name-" + sub,
        Status = status,
        ClerkUserId = clerkId,
        InstanceId = instance,
    };

    private static MigrationJournalRecord Removal(string sub, string status, string clerkId) => new()
    {
        Operation = MigrationJournal.RemoveOperation,
        UserPoolId = "us-east-1_Pool",
        ExternalId = sub,
        Status = status,
        ClerkUserId = clerkId,
    };
}
