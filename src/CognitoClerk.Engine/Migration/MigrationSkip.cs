namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Why a user cannot be migrated: a stable ErrorId for scripts (e.g. CognitoUserForceChangePassword)
    /// and the reason in words for people.
    /// </summary>
    public sealed class MigrationSkip
    {
        public MigrationSkip(string errorId, string reason)
        {
            ErrorId = errorId;
            Reason = reason;
        }

        public string ErrorId { get; }

        public string Reason { get; }
    }
}
