using System.Collections.Generic;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Whether a CreateUser payload made elsewhere can be sent: a digest read back from a file or edited by an
    /// admin may have lost what the mapper always writes. Only what would make the user unusable, or make Clerk
    /// refuse the whole create, is checked; finer judgement is Clerk's.
    /// </summary>
    public static class DigestPayloadCheck
    {
        /// <summary>The checks of a payload made elsewhere.</summary>
        /// <returns>
        /// Null when the payload can be sent; otherwise a <see cref="MigrationErrorIds.DigestInvalid"/> skip, or
        /// <see cref="MigrationErrorIds.ClerkMetadataTooLarge"/> when its metadata is over Clerk's 8 KB (a digest
        /// may have been edited since it was converted).
        /// </returns>
        public static MigrationSkip? Check(ClerkCreateUserRequest request) => Check(request, "The digest");

        /// <inheritdoc cref="Check(ClerkCreateUserRequest)"/>
        /// <param name="request">The payload.</param>
        /// <param name="who">The user, in words, for the reason.</param>
        public static MigrationSkip? Check(ClerkCreateUserRequest request, string who)
        {
            string? problem = Problem(request);
            return problem == null ? CheckMetadataSize(request, who) : new MigrationSkip(MigrationErrorIds.DigestInvalid, problem);
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

        private static int Count(ICollection<string>? values) => values?.Count ?? 0;
    }
}
