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
        /// <returns>Null when the payload can be sent; otherwise a <see cref="MigrationErrorIds.DigestInvalid"/> skip.</returns>
        public static MigrationSkip? Check(ClerkCreateUserRequest request)
        {
            string? problem = Problem(request);
            return problem == null ? null : new MigrationSkip(MigrationErrorIds.DigestInvalid, problem);
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
