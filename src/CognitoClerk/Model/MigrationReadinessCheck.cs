namespace CognitoClerk
{
    /// <summary>
    /// One row of Test-CognitoMigrationReadiness. Every run writes the same checks in the same order, so a
    /// script can pick one by <see cref="Name"/> or keep the failures with <c>Where-Object { -not $_.Passed }</c>.
    /// </summary>
    public sealed class MigrationReadinessCheck
    {
        /// <summary>Region, UserPool, AppClient, ClientSecret, UserPasswordAuth, IdentifierSource, Mfa, LambdaTriggers, ClerkSecretKey or ClerkInstance.</summary>
        public string Name { get; set; } = string.Empty;

        public bool Passed { get; set; }

        /// <summary>The check could not run (no Clerk key, or a check it needs failed). A skipped check has not passed.</summary>
        public bool Skipped { get; set; }

        /// <summary>
        /// A <see cref="ReadinessSeverity"/> name: Error blocks the migration; Warning affects some users or the plan;
        /// Info blocks nothing. Text rather than the enum so that ConvertTo-Json writes "Error", not 2.
        /// </summary>
        public string Severity { get; set; } = nameof(ReadinessSeverity.Info);

        /// <summary>What was found.</summary>
        public string Detail { get; set; } = string.Empty;

        /// <summary>What to do, with the exact aws cognito-idp command where one helps. Null when nothing needs doing.</summary>
        public string? Fix { get; set; }

        public string UserPoolId { get; set; } = string.Empty;

        public string? ClientId { get; set; }

        public override string ToString() => $"{Name}: {(Passed ? "Passed" : Skipped ? "Skipped" : Severity)}";
    }
}
