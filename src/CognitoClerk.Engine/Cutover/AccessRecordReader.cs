using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>What the module's <see cref="AccessRecord"/> on a Clerk user says, as the cutover's access changes.</summary>
    public static class AccessRecordReader
    {
        /// <summary>
        /// <see cref="AccessChange.Ban"/> or <see cref="AccessChange.Lock"/> when the user carries the module's record
        /// of a ban or lock placed because Cognito disabled them (whether or not it is still in place);
        /// <see cref="AccessChange.None"/> otherwise, a record of any other reason included: only those two are ever lifted.
        /// </summary>
        public static AccessChange RestrictionOf(ClerkUser user)
        {
            AccessRecord? record = AccessRecord.Read(user?.PrivateMetadata);
            return record == null ? AccessChange.None
                : record.IsBanForDisabled ? AccessChange.Ban
                : record.IsLockForDisabled ? AccessChange.Lock
                : AccessChange.None;
        }
    }
}
