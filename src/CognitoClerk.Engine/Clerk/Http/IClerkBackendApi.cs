using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// The Clerk Backend API calls the module makes. Every call is paced by the instance's shared
    /// limiter, waits out 429s (Retry-After), retries 5xx and transport failures, and throws
    /// <see cref="ClerkApiException"/> for any other error answer.
    /// </summary>
    public interface IClerkBackendApi
    {
        /// <summary>GET /v1/instance: which instance the key belongs to (development or production).</summary>
        Task<ClerkInstanceInfo> GetInstanceAsync(CancellationToken cancellationToken);

        /// <summary>The rate this client paces every call at: the one it was given, else the instance's documented limit (asking Clerk once if need be).</summary>
        Task<int> GetRequestsPer10SecondsAsync(CancellationToken cancellationToken);

        /// <summary>POST /v1/users.</summary>
        Task<ClerkUser> CreateUserAsync(ClerkCreateUserRequest request, CancellationToken cancellationToken);

        /// <summary>GET /v1/users?external_id=...: up to 100 ids per call; returns the users that exist.</summary>
        Task<IReadOnlyList<ClerkUser>> FindUsersByExternalIdAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken);

        /// <summary>GET /v1/users?email_address=...&amp;phone_number=...: up to 100 values of each per call.</summary>
        Task<IReadOnlyList<ClerkUser>> FindUsersByIdentifierAsync(IReadOnlyCollection<string> emailAddresses, IReadOnlyCollection<string> phoneNumbers, CancellationToken cancellationToken);

        /// <summary>GET /v1/users?user_id=...: up to 100 ids per call; returns the users that exist.</summary>
        Task<IReadOnlyList<ClerkUser>> FindUsersByIdAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

        /// <summary>DELETE /v1/users/{id}: Deleted, or NotFound when Clerk has no such user (404 is an answer, not an error).</summary>
        Task<ClerkDeleteResult> DeleteUserAsync(string userId, CancellationToken cancellationToken);

        /// <summary>POST /v1/users/{id}/verify_password: true when Clerk accepts the password.</summary>
        Task<bool> VerifyPasswordAsync(string userId, string password, CancellationToken cancellationToken);

        /// <summary>GET /v1/users/{id}; null when Clerk has no such user (404).</summary>
        Task<ClerkUser?> GetUserAsync(string userId, CancellationToken cancellationToken);

        /// <summary>
        /// GET /v1/users?limit=&amp;starting_after=: one page of every user of the instance, newest first (Clerk's
        /// default created_at order, which the cursor needs). Null <paramref name="startingAfter"/> starts at the
        /// newest; pass the last id of a page for the next. A page shorter than <paramref name="limit"/> is the last.
        /// </summary>
        Task<IReadOnlyList<ClerkUser>> ListUsersAsync(string? startingAfter, int limit, CancellationToken cancellationToken);

        /// <summary>PATCH /v1/users/{id} with the fields set in <paramref name="request"/>; paced by Clerk's per-user limit too.</summary>
        Task<ClerkUser> UpdateUserAsync(string userId, ClerkUpdateUserRequest request, CancellationToken cancellationToken);

        /// <summary>
        /// PATCH /v1/users/{id}/metadata: each object given is deep-merged into the user's (a key set to null is
        /// removed); a null argument leaves that metadata alone. Paced by Clerk's per-user limit too.
        /// </summary>
        Task<ClerkUser> UpdateUserMetadataAsync(string userId, JsonObject? publicMetadata, JsonObject? privateMetadata, JsonObject? unsafeMetadata, CancellationToken cancellationToken);

        /// <summary>POST /v1/email_addresses.</summary>
        Task<ClerkIdentification> CreateEmailAddressAsync(string userId, string emailAddress, bool verified, bool primary, CancellationToken cancellationToken);

        /// <summary>POST /v1/phone_numbers.</summary>
        Task<ClerkIdentification> CreatePhoneNumberAsync(string userId, string phoneNumber, bool verified, bool primary, CancellationToken cancellationToken);

        /// <summary>DELETE /v1/email_addresses/{id}; false when it was already gone (404).</summary>
        Task<bool> DeleteEmailAddressAsync(string emailAddressId, CancellationToken cancellationToken);

        /// <summary>DELETE /v1/phone_numbers/{id}; false when it was already gone (404).</summary>
        Task<bool> DeletePhoneNumberAsync(string phoneNumberId, CancellationToken cancellationToken);

        /// <summary>POST /v1/users/{id}/ban: sessions revoked, no sign-in until unbanned.</summary>
        Task<ClerkUser> BanUserAsync(string userId, CancellationToken cancellationToken);

        /// <summary>POST /v1/users/{id}/lock: no sign-in until the lock expires (the instance's lockout setting).</summary>
        Task<ClerkUser> LockUserAsync(string userId, CancellationToken cancellationToken);

        /// <summary>POST /v1/users/{id}/unban: removes the ban mark.</summary>
        Task<ClerkUser> UnbanUserAsync(string userId, CancellationToken cancellationToken);

        /// <summary>POST /v1/users/{id}/unlock: removes the lock.</summary>
        Task<ClerkUser> UnlockUserAsync(string userId, CancellationToken cancellationToken);

    }
}
