namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// The journal's claim that a user is in Clerk: what an earlier run recorded. A claim is only a hint: the
    /// runner confirms it with the batched external_id lookup before reporting the user as migrated, so a stale
    /// or hand-edited line cannot hide a user Clerk does not hold.
    /// </summary>
    public sealed class JournalClaim
    {
        public JournalClaim(MigrationStatus status, string? clerkUserId, string? instanceId)
        {
            Status = status;
            ClerkUserId = clerkUserId;
            InstanceId = instanceId;
        }

        /// <summary>Created or AlreadyMigrated.</summary>
        public MigrationStatus Status { get; }

        public string? ClerkUserId { get; }

        /// <summary>The Clerk instance the record was written against; null in journals from before records named it.</summary>
        public string? InstanceId { get; }
    }
}
