namespace CognitoClerk.Engine.Migration
{
    /// <summary>What one journal record says about whether its user is in Clerk, for <see cref="JournalUserIndex"/>.</summary>
    internal enum JournalRecordEffect
    {
        /// <summary>Nothing either way (a removal that kept the user, or failed): an earlier claim stands.</summary>
        None,

        /// <summary>A migration put the user in Clerk (Created or AlreadyMigrated): finished, at this record.</summary>
        Claims,

        /// <summary>Not finished any more: a removal took the user out of Clerk (Removed or NotFound), or a later migration record did not finish them.</summary>
        TakesBack,
    }
}
