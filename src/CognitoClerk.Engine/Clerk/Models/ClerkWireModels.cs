using System.Collections.Generic;
using System.Text.Json;
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
            public List<EmailAddress>? EmailAddresses { get; set; }

            [JsonPropertyName("phone_numbers")]
            public List<PhoneNumber>? PhoneNumbers { get; set; }

            [JsonPropertyName("password_enabled")]
            public bool PasswordEnabled { get; set; }

            /// <summary>Kept as JSON: only cognito.username and cognito.user_pool_id are read, whatever else it holds.</summary>
            [JsonPropertyName("private_metadata")]
            public JsonElement PrivateMetadata { get; set; }

            /// <summary>Unix milliseconds, or null.</summary>
            [JsonPropertyName("last_sign_in_at")]
            public long? LastSignInAt { get; set; }

            /// <summary>Unix milliseconds, or null.</summary>
            [JsonPropertyName("last_active_at")]
            public long? LastActiveAt { get; set; }

            [JsonPropertyName("banned")]
            public bool Banned { get; set; }
        }

        /// <summary>DELETE /v1/users/{id}: the spec's DeletedObject.</summary>
        internal sealed class DeletedObject
        {
            [JsonPropertyName("id")]
            public string? Id { get; set; }

            [JsonPropertyName("deleted")]
            public bool Deleted { get; set; }
        }

        internal sealed class EmailAddress
        {
            [JsonPropertyName("email_address")]
            public string? Value { get; set; }
        }

        internal sealed class PhoneNumber
        {
            [JsonPropertyName("phone_number")]
            public string? Value { get; set; }
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
