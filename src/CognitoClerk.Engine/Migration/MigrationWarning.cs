namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Something an admin should know about a user who is still migrated: a stable code for scripts
    /// (see <see cref="MigrationWarningIds"/>) and the message in words. Never carries a secret.
    /// </summary>
    public sealed class MigrationWarning
    {
        public MigrationWarning(string id, string message)
        {
            Id = id;
            Message = message;
        }

        public string Id { get; }

        public string Message { get; }

        public override string ToString() => Message;
    }
}
