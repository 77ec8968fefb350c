using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// The body of POST /v1/users (CreateUser) for one migrated user. Only fields the 2026-05-12 spec
    /// allows for CreateUser are declared here; null fields are left out of the JSON, because an instance
    /// rejects fields it has not enabled (form_param_unknown).
    /// </summary>
    public sealed class ClerkCreateUserRequest
    {
        public const string AwsCognitoHasher = "awscognito";

        [JsonPropertyName("external_id")]
        public string? ExternalId { get; set; }

        [JsonPropertyName("first_name")]
        public string? FirstName { get; set; }

        [JsonPropertyName("last_name")]
        public string? LastName { get; set; }

        [JsonPropertyName("email_address")]
        public IList<string>? EmailAddress { get; set; }

        /// <summary>Parallel to <see cref="EmailAddress"/>: "verified" or "reserved" (unverified but locked to this user).</summary>
        [JsonPropertyName("email_address_identification_status")]
        public IList<string>? EmailAddressIdentificationStatus { get; set; }

        [JsonPropertyName("phone_number")]
        public IList<string>? PhoneNumber { get; set; }

        [JsonPropertyName("phone_number_identification_status")]
        public IList<string>? PhoneNumberIdentificationStatus { get; set; }

        /// <summary>Sent only when asked for: instances without usernames reject the field.</summary>
        [JsonPropertyName("username")]
        public string? Username { get; set; }

        [JsonPropertyName("password_hasher")]
        public string? PasswordHasher { get; set; }

        /// <summary>awscognito#&lt;pool&gt;#&lt;client&gt;#&lt;identifier&gt;: not a secret, but it names the sign-in identifier.</summary>
        [JsonPropertyName("password_digest")]
        public string? PasswordDigest { get; set; }

        /// <summary>RFC3339, e.g. 2012-10-20T07:15:20.902Z.</summary>
        [JsonPropertyName("created_at")]
        public string? CreatedAt { get; set; }

        /// <summary>Read by the frontend and the backend: where an application looks for roles in the session.</summary>
        [JsonPropertyName("public_metadata")]
        public IDictionary<string, object?>? PublicMetadata { get; set; }

        [JsonPropertyName("private_metadata")]
        public IDictionary<string, object?>? PrivateMetadata { get; set; }

        /// <summary>Readable and writable from the frontend: nothing an application trusts.</summary>
        [JsonPropertyName("unsafe_metadata")]
        public IDictionary<string, object?>? UnsafeMetadata { get; set; }

        /// <summary>Created already banned (a disabled Cognito user kept with -DisabledUser Ban); null is left out.</summary>
        [JsonPropertyName("banned")]
        public bool? Banned { get; set; }
    }
}
