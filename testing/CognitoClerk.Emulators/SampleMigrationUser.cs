namespace CognitoClerk.Emulators;

/// <summary>
/// One Cognito user of a <see cref="SampleMigrationPool"/>: what to seed (with its known password) and what a
/// correct migration must do with it. The expectation is stated here, from Cognito's and Clerk's rules, not
/// read from the module, so a test or the sandbox can hold the module to it.
/// </summary>
public sealed class SampleMigrationUser
{
    internal SampleMigrationUser(CognitoLocalSeedUser seed, SampleMigrationExpectation expectation, string? expectedErrorId)
    {
        Seed = seed;
        Expectation = expectation;
        ExpectedErrorId = expectedErrorId;
    }

    /// <summary>What to give <see cref="CognitoLocalServer.SeedAsync"/>; holds the password.</summary>
    public CognitoLocalSeedUser Seed { get; }

    public string Username => Seed.Username;

    /// <summary>The Cognito password. Test data, but never printed or logged all the same.</summary>
    public string Password => Seed.Password;

    public SampleMigrationExpectation Expectation { get; }

    /// <summary>
    /// The ErrorId the user must be reported with when converted: set for every <see cref="SampleMigrationExpectation.Skipped"/>
    /// user, and for a <see cref="SampleMigrationExpectation.FilteredOut"/> one who could not be migrated either (reported
    /// only by a pipeline without the Where-Object). Null for a user who can be migrated.
    /// </summary>
    public string? ExpectedErrorId { get; }

    public override string ToString() => $"{Username} ({Seed.UserStatus}{(Seed.Enabled ? string.Empty : ", disabled")}): {Expectation} {ExpectedErrorId}";
}

/// <summary>What must happen to a sample user in the README pipeline with <see cref="SampleMigrationPool.WhereObjectFilter"/>.</summary>
public enum SampleMigrationExpectation
{
    /// <summary>Becomes a Clerk user who signs in with the Cognito password.</summary>
    Migrated,

    /// <summary>Reported as a non-terminating error with <see cref="SampleMigrationUser.ExpectedErrorId"/>.</summary>
    Skipped,

    /// <summary>Left out by the admin's Where-Object: never reaches the conversion, never reported.</summary>
    FilteredOut,
}
