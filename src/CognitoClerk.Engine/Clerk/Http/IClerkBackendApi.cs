using System.Collections.Generic;
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
    }
}
