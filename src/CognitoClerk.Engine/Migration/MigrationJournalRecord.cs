using System.Text.Json.Serialization;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// One line of the journal (JSON Lines): what happened to one user, small and without secrets.
    /// No key, no password, no payload: the identity (pool, Cognito username, external_id), the status
    /// and what support needs (Clerk user id, error code, clerk_trace_id).
    /// </summary>
    public sealed class MigrationJournalRecord
    {
        /// <summary>UTC, ISO 8601 round-trip format.</summary>
        [JsonPropertyName("time")]
        public string? Time { get; set; }

        /// <summary>
        /// The Clerk instance (GET /v1/instance's id) the outcome is about. A record of another instance (a
        /// rehearsal on a development instance) is never taken as finished for this one. Absent in journals
        /// written before this field existed, and when the instance could not be asked.
        /// </summary>
        [JsonPropertyName("instance_id")]
        public string? InstanceId { get; set; }

        [JsonPropertyName("pool")]
        public string? UserPoolId { get; set; }

        [JsonPropertyName("username")]
        public string? CognitoUsername { get; set; }

        [JsonPropertyName("external_id")]
        public string? ExternalId { get; set; }

        /// <summary>A <see cref="MigrationStatus"/> name.</summary>
        [JsonPropertyName("status")]
        public string? Status { get; set; }

        [JsonPropertyName("clerk_user_id")]
        public string? ClerkUserId { get; set; }

        [JsonPropertyName("conflicting_clerk_user_id")]
        public string? ConflictingClerkUserId { get; set; }

        [JsonPropertyName("error_code")]
        public string? ErrorCode { get; set; }

        [JsonPropertyName("trace_id")]
        public string? TraceId { get; set; }

        /// <summary>
        /// Null for a migration outcome; "remove" for what Remove-ClerkMigratedUser did (Removed, Kept, NotFound,
        /// Failed). A Removed or NotFound removal makes the user unfinished again, so a later migration re-creates them.
        /// </summary>
        [JsonPropertyName("operation")]
        public string? Operation { get; set; }

        /// <summary>For a kept user who had signed in: when (ISO 8601, UTC).</summary>
        [JsonPropertyName("last_sign_in_at")]
        public string? LastSignInAt { get; set; }
    }
}
