using System.Collections.Generic;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Whether a CreateUser payload can be sent, whoever made it: a digest read back from a file or edited by an
    /// admin may have lost what the mapper always writes. Checked: what would make the user unusable, or make
    /// Clerk refuse the whole create; an external_id, because the lookup that makes retries and re-runs safe
    /// looks users up by it (without it a lost answer or a re-run could create the user twice); and an awscognito
    /// digest whose identifier Cognito could hold (otherwise nobody could ever sign in to the user). Finer
    /// judgement is Clerk's. The runner checks every item with it again before sending: never sent, never retried.
    /// </summary>
    public static class DigestPayloadCheck
    {
        /// <summary>The checks of a payload made elsewhere.</summary>
        /// <returns>
        /// Null when the payload can be sent; otherwise a skip: <see cref="MigrationErrorIds.DigestInvalid"/>,
        /// <see cref="MigrationErrorIds.ExternalIdMissing"/>, <see cref="MigrationErrorIds.IdentifierInvalid"/>, or
        /// <see cref="MigrationErrorIds.ClerkMetadataTooLarge"/> when its metadata is over Clerk's 8 KB (a digest may
        /// have been edited since it was converted).
        /// </returns>
        public static MigrationSkip? Check(ClerkCreateUserRequest request) => Check(request, "The digest");

        /// <inheritdoc cref="Check(ClerkCreateUserRequest)"/>
        /// <param name="request">The payload.</param>
        /// <param name="who">The user, in words, for the reason.</param>
        public static MigrationSkip? Check(ClerkCreateUserRequest request, string who)
        {
            string? problem = Problem(request);
            if (problem != null)
            {
                return new MigrationSkip(MigrationErrorIds.DigestInvalid, problem);
            }

            if (string.IsNullOrEmpty(request.ExternalId))
            {
                return new MigrationSkip(
                    MigrationErrorIds.ExternalIdMissing,
                    "The payload has no external_id, so it is not sent. The external_id (the Cognito sub) is how a run finds " +
                    "users that an earlier run, or a create whose answer was lost, already put in Clerk; without it a retry " +
                    "or a re-run could create the user twice.");
            }

            return CheckAwsCognitoDigest(request) ?? CheckMetadataSize(request, who);
        }

        /// <summary>
        /// Clerk keeps at most 8 KB of metadata per user, public, private and unsafe together (<see cref="ClerkMetadataLimit"/>):
        /// a user over it would be refused, so it is not sent. Null when the metadata fits.
        /// </summary>
        /// <param name="who">The user, in words ('alice'), for the reason.</param>
        public static MigrationSkip? CheckMetadataSize(ClerkCreateUserRequest request, string who)
        {
            if (!ClerkMetadataLimit.Exceeds(request, out int bytes))
            {
                return null;
            }

            return new MigrationSkip(
                MigrationErrorIds.ClerkMetadataTooLarge,
                $"{who} would carry {bytes:N0} bytes of metadata (public, private and unsafe together), more than the " +
                $"{ClerkMetadataLimit.MaxBytes:N0} bytes Clerk keeps per user, so Clerk would refuse the user; it is not sent. " +
                "Move fewer or shorter attributes into the metadata, or keep long values in the application's own database.");
        }

        private static string? Problem(ClerkCreateUserRequest request)
        {
            if (string.IsNullOrWhiteSpace(request.PasswordDigest))
            {
                return "The digest has no password_digest; without it the user could not sign in with the Cognito password.";
            }

            if (string.IsNullOrWhiteSpace(request.PasswordHasher))
            {
                return "The digest has no password_hasher.";
            }

            if (Count(request.EmailAddressIdentificationStatus) > 0 && Count(request.EmailAddressIdentificationStatus) != Count(request.EmailAddress))
            {
                return "email_address_identification_status must have one entry per email_address.";
            }

            if (Count(request.PhoneNumberIdentificationStatus) > 0 && Count(request.PhoneNumberIdentificationStatus) != Count(request.PhoneNumber))
            {
                return "phone_number_identification_status must have one entry per phone_number.";
            }

            return null;
        }

        private static MigrationSkip? CheckAwsCognitoDigest(ClerkCreateUserRequest request)
        {
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
                    "The password_digest is not awscognito#<user pool id>#<app client id>#<identifier> with a valid pool and " +
                    "client ID, so Clerk could not check the password with Cognito.");
            }

            string? unusable = CognitoIdentifierRules.Check(identifier, CognitoIdentifierRules.AttributeMaxLength);
            return unusable == null
                ? null
                : new MigrationSkip(
                    MigrationErrorIds.IdentifierInvalid,
                    $"The sign-in identifier in the digest, {ConsoleText.Quote(identifier)}, cannot be a Cognito sign-in name: " +
                    $"{unusable}. Clerk would create a user who can never sign in with their password.");
        }

        private static int Count(ICollection<string>? values) => values?.Count ?? 0;
    }
}
