using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>The parts of a Clerk User object the module reads: identity for the migration, profile and sign-in for the cutover.</summary>
    public sealed class ClerkUser
    {
        public string Id { get; set; } = string.Empty;

        public string? ExternalId { get; set; }

        public string? Username { get; set; }

        public IReadOnlyList<string> EmailAddresses { get; set; } = Array.Empty<string>();

        public IReadOnlyList<string> PhoneNumbers { get; set; } = Array.Empty<string>();

        public bool PasswordEnabled { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        /// <summary>The email addresses with their ids (to delete one) and verification, in Clerk's order.</summary>
        public IReadOnlyList<ClerkIdentification> EmailAddressDetails { get; set; } = Array.Empty<ClerkIdentification>();

        public IReadOnlyList<ClerkIdentification> PhoneNumberDetails { get; set; } = Array.Empty<ClerkIdentification>();

        public string? PrimaryEmailAddressId { get; set; }

        public string? PrimaryPhoneNumberId { get; set; }

        /// <summary>private_metadata.cognito.username: the Cognito user this Clerk user was migrated from, when the module (or a tool like it) wrote it.</summary>
        public string? CognitoUsername { get; set; }

        /// <summary>private_metadata.cognito.user_pool_id, with <see cref="CognitoUsername"/>.</summary>
        public string? CognitoUserPoolId { get; set; }

        /// <summary>
        /// When the user last signed in to Clerk (UTC); null when they never have: until then Clerk asks Cognito for
        /// their password.
        /// </summary>
        public DateTimeOffset? LastSignInAt { get; set; }

        public DateTimeOffset? LastActiveAt { get; set; }

        public bool Banned { get; set; }

        public bool Locked { get; set; }

        public JsonObject? PublicMetadata { get; set; }

        public JsonObject? PrivateMetadata { get; set; }

        public JsonObject? UnsafeMetadata { get; set; }

        /// <summary>The value of the primary email address, or null.</summary>
        public string? PrimaryEmailAddress => Find(EmailAddressDetails, PrimaryEmailAddressId)?.Value;

        public string? PrimaryPhoneNumber => Find(PhoneNumberDetails, PrimaryPhoneNumberId)?.Value;

        private static ClerkIdentification? Find(IReadOnlyList<ClerkIdentification> list, string? id)
        {
            if (id == null)
            {
                return null;
            }

            foreach (ClerkIdentification item in list)
            {
                if (item.Id == id)
                {
                    return item;
                }
            }

            return null;
        }
    }
}
