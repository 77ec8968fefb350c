using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>The outcome of mapping one Cognito user: a payload to send, or the reason it cannot be migrated.</summary>
    public sealed class DigestResult
    {
        private DigestResult(CognitoUser user, ClerkCreateUserRequest? request, MigrationSkip? skip)
        {
            User = user;
            Request = request;
            Skip = skip;
        }

        public CognitoUser User { get; }

        public ClerkCreateUserRequest? Request { get; }

        public MigrationSkip? Skip { get; }

        public bool IsMigratable => Request != null;

        public static DigestResult Migratable(CognitoUser user, ClerkCreateUserRequest request) => new DigestResult(user, request, null);

        public static DigestResult Skipped(CognitoUser user, MigrationSkip skip) => new DigestResult(user, null, skip);
    }
}
