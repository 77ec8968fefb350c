using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// What a payload must have before the runner sends it, whoever made it (ConvertTo-ClerkCognitoDigest, a
    /// file, a hand-written object): an external_id, because the lookup that makes retries and re-runs safe
    /// looks users up by it; and an awscognito digest whose identifier Cognito could hold. A payload that fails
    /// is one per-user error and is never sent, so nothing is created that cannot be found again or that
    /// nobody could sign in to.
    /// </summary>
    public static class MigrationPayloadCheck
    {
        /// <summary>Null when the item can be sent.</summary>
        public static MigrationSkip? Check(MigrationWorkItem item)
        {
            if (item == null)
            {
                throw new System.ArgumentNullException(nameof(item));
            }

            string who = "Cognito user " + ConsoleText.Quote(item.DisplayName);
            if (item.ExternalId == null)
            {
                return new MigrationSkip(
                    MigrationErrorIds.ExternalIdMissing,
                    $"The payload for {who} has no external_id, so it is not sent. The external_id (the Cognito sub) is how " +
                    "a run finds users that an earlier run, or a create whose answer was lost, already put in Clerk; " +
                    "without it a retry or a re-run could create the user twice. Convert the user with " +
                    "ConvertTo-ClerkCognitoDigest (it sets external_id from the sub), or add external_id to the input.");
            }

            ClerkCreateUserRequest request = item.Request;
            if (!string.Equals(request.PasswordHasher, ClerkCreateUserRequest.AwsCognitoHasher, System.StringComparison.Ordinal))
            {
                return null;
            }

            if (!AwsCognitoDigest.TryParse(request.PasswordDigest, out string pool, out string client, out string identifier)
                || !CognitoIdFormats.IsValidUserPoolId(pool)
                || !CognitoIdFormats.IsValidClientId(client))
            {
                return new MigrationSkip(
                    MigrationErrorIds.DigestInvalid,
                    $"The password_digest for {who} is not awscognito#<user pool id>#<app client id>#<identifier> with a " +
                    "valid pool and client ID, so Clerk could not check the password with Cognito. Convert the user " +
                    "again with ConvertTo-ClerkCognitoDigest.");
            }

            string? problem = CognitoIdentifierRules.Check(identifier, CognitoIdentifierRules.AttributeMaxLength);
            if (problem != null)
            {
                return new MigrationSkip(
                    MigrationErrorIds.IdentifierInvalid,
                    $"The sign-in identifier in the digest for {who}, {ConsoleText.Quote(identifier)}, cannot be a Cognito " +
                    $"sign-in name: {problem}. Clerk would create a user who can never sign in with their password. Check the " +
                    "user in Cognito, or convert them with another -IdentifierSource.");
            }

            return null;
        }
    }
}
