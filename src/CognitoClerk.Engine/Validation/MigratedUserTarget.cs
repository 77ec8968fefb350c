using System.Collections.Generic;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Validation
{
    /// <summary>
    /// The user to validate: the exact InitiateAuth call Clerk will make (client and USERNAME), and what
    /// finds the user in Clerk (external_id = sub, email, phone), as far as the input told.
    /// </summary>
    public sealed class MigratedUserTarget
    {
        public string Identifier { get; set; } = string.Empty;

        public string UserPoolId { get; set; } = string.Empty;

        public string ClientId { get; set; } = string.Empty;

        /// <summary>The Cognito sub, which the migration sends as Clerk's external_id.</summary>
        public string? ExternalId { get; set; }

        public string? Email { get; set; }

        public string? PhoneNumber { get; set; }

        /// <summary>
        /// Why the Cognito user could not be read to learn the sub (no credentials, no permission, Cognito did not
        /// answer); null when it was read or did not need to be. Without the sub, finding nobody in Clerk does not
        /// mean the user is not migrated.
        /// </summary>
        public string? CognitoReadProblem { get; set; }

        /// <summary>What finds the user in Clerk, in words: "external_id X or email Y".</summary>
        public string ClerkKeys
        {
            get
            {
                var keys = new List<string>();
                if (ExternalId != null)
                {
                    keys.Add("external_id " + ExternalId);
                }

                if (Email != null)
                {
                    keys.Add("email " + Email);
                }

                if (PhoneNumber != null)
                {
                    keys.Add("phone " + PhoneNumber);
                }

                return keys.Count == 0 ? $"external_id {ConsoleText.Quote(Identifier)}" : string.Join(" or ", keys);
            }
        }

        /// <summary>The Clerk user to ask, in words, for a confirmation prompt.</summary>
        public string ClerkUserDescription =>
            ExternalId == null && Email == null && PhoneNumber == null
                ? $"the Clerk user for {ConsoleText.Quote(Identifier)}"
                : "the Clerk user with " + ClerkKeys;

        /// <summary>
        /// The call a digest names, exactly as Clerk will read it: its own pool, client and identifier.
        /// Null when the digest is not an awscognito one (<see cref="AwsCognitoDigest.TryParse"/>).
        /// </summary>
        public static MigratedUserTarget? FromDigest(string? passwordDigest, string? externalId, string? email, string? phoneNumber)
        {
            if (!AwsCognitoDigest.TryParse(passwordDigest, out string pool, out string client, out string identifier))
            {
                return null;
            }

            return new MigratedUserTarget
            {
                Identifier = identifier,
                UserPoolId = pool,
                ClientId = client,
                ExternalId = NullIfBlank(externalId),
                Email = NullIfBlank(email),
                PhoneNumber = NullIfBlank(phoneNumber),
            };
        }

        /// <summary>
        /// The identifier the digest of this user would hold (<see cref="CognitoDigestMapper.ReadIdentifier"/>) and
        /// what finds the user in Clerk; the pool and client are the caller's to fill in. Null with
        /// <paramref name="skip"/> set when the user has no value for <paramref name="source"/>.
        /// </summary>
        public static MigratedUserTarget? FromUser(CognitoUser user, IdentifierSource source, out MigrationSkip? skip)
        {
            string? identifier = CognitoDigestMapper.ReadIdentifier(user, source);
            if (string.IsNullOrEmpty(identifier))
            {
                skip = new MigrationSkip(
                    MigrationErrorIds.IdentifierMissing,
                    $"Cognito user {ConsoleText.Quote(user.Username)} has no {CognitoDigestMapper.Describe(source)}, so the digest would hold no identifier to sign in with.");
                return null;
            }

            skip = null;
            return new MigratedUserTarget
            {
                Identifier = identifier!,
                ExternalId = NullIfBlank(user.GetAttribute(CognitoAttributeNames.Sub)),
                Email = NullIfBlank(user.GetAttribute(CognitoAttributeNames.Email)),
                PhoneNumber = NullIfBlank(user.GetAttribute(CognitoAttributeNames.PhoneNumber)),
            };
        }

        private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
