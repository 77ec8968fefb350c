using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// The JSON shapes the client reads, limited to the fields it uses (the spec's User has ~40; unknown
    /// ones are ignored, so new Clerk fields never break a run), and the options every body goes through.
    /// </summary>
    internal static class ClerkWire
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            // An instance rejects fields it has not enabled (form_param_unknown): an unset field is left out, never sent as null.
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };

        internal sealed class User
        {
            [JsonPropertyName("id")]
            public string? Id { get; set; }

            [JsonPropertyName("external_id")]
            public string? ExternalId { get; set; }

            [JsonPropertyName("username")]
            public string? Username { get; set; }

            [JsonPropertyName("email_addresses")]
            public List<Identification>? EmailAddresses { get; set; }

            [JsonPropertyName("phone_numbers")]
            public List<Identification>? PhoneNumbers { get; set; }

            [JsonPropertyName("password_enabled")]
            public bool PasswordEnabled { get; set; }

            [JsonPropertyName("first_name")]
            public string? FirstName { get; set; }

            [JsonPropertyName("last_name")]
            public string? LastName { get; set; }

            [JsonPropertyName("primary_email_address_id")]
            public string? PrimaryEmailAddressId { get; set; }

            [JsonPropertyName("primary_phone_number_id")]
            public string? PrimaryPhoneNumberId { get; set; }

            /// <summary>Unix milliseconds, or null before the first sign-in.</summary>
            [JsonPropertyName("last_sign_in_at")]
            public long? LastSignInAt { get; set; }

            [JsonPropertyName("last_active_at")]
            public long? LastActiveAt { get; set; }

            [JsonPropertyName("banned")]
            public bool Banned { get; set; }

            [JsonPropertyName("locked")]
            public bool Locked { get; set; }

            [JsonPropertyName("public_metadata")]
            public JsonObject? PublicMetadata { get; set; }

            [JsonPropertyName("private_metadata")]
            public JsonObject? PrivateMetadata { get; set; }

            [JsonPropertyName("unsafe_metadata")]
            public JsonObject? UnsafeMetadata { get; set; }
        }

        /// <summary>DELETE /v1/users/{id}: the spec's DeletedObject.</summary>
        internal sealed class DeletedObject
        {
            [JsonPropertyName("id")]
            public string? Id { get; set; }

            [JsonPropertyName("deleted")]
            public bool Deleted { get; set; }
        }

        /// <summary>An EmailAddress or PhoneNumber object (in a User, or alone from /v1/email_addresses and /v1/phone_numbers).</summary>
        internal sealed class Identification
        {
            [JsonPropertyName("id")]
            public string? Id { get; set; }

            [JsonPropertyName("email_address")]
            public string? EmailAddress { get; set; }

            [JsonPropertyName("phone_number")]
            public string? PhoneNumber { get; set; }

            [JsonPropertyName("verification")]
            public Verification? Verification { get; set; }

            [JsonIgnore]
            public string? Value => EmailAddress ?? PhoneNumber;
        }

        internal sealed class Verification
        {
            [JsonPropertyName("status")]
            public string? Status { get; set; }
        }

        internal sealed class Instance
        {
            [JsonPropertyName("id")]
            public string? Id { get; set; }

            [JsonPropertyName("environment_type")]
            public string? EnvironmentType { get; set; }
        }

        internal sealed class VerifyPasswordRequest
        {
            [JsonPropertyName("password")]
            public string? Password { get; set; }
        }

        internal sealed class VerifyPasswordResponse
        {
            [JsonPropertyName("verified")]
            public bool Verified { get; set; }
        }
    }
}
