using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Engine.Removal
{
    /// <summary>
    /// Undoes a migration, one batch of users at a time, and never deletes a user it has not just read:
    /// <list type="number">
    /// <item><see cref="CheckAsync"/> reads the batch from Clerk (GET /v1/users?user_id=..., up to 100 ids per call,
    /// paced by the instance's shared limiter like every other call). A user Clerk no longer has is NotFound.
    /// A user whose external_id is not the Cognito sub recorded at creation is Kept (ClerkUserChanged): it is no
    /// longer the user the module created. A user who has signed in since (last_sign_in_at set) is Kept
    /// (ClerkUserSignedIn), unless force is set: they use the new system now.</item>
    /// <item>The caller confirms each remaining user (ShouldProcess) and <see cref="RemoveAsync(RemovalCheck, CancellationToken)"/>
    /// deletes it: DELETE /v1/users/{id}, where a 404 is NotFound, not a failure.</item>
    /// </list>
    /// A rejected key ends the run (thrown); any other failure is that user's Failed outcome.
    /// </summary>
    public sealed class MigratedUserRemover
    {
        /// <summary>Users read per lookup: Clerk takes up to 100 user_id values per call.</summary>
        public const int LookupBatchSize = ClerkQueryBatches.MaxValuesPerCall;

        private readonly IClerkBackendApi _api;
        private readonly bool _force;
        private int _lookupCalls;
        private int _deleteCalls;

        /// <param name="force">Remove users who have signed in since too (never users whose external_id changed).</param>
        public MigratedUserRemover(IClerkBackendApi api, bool force)
        {
            _api = api ?? throw new ArgumentNullException(nameof(api));
            _force = force;
        }

        public int LookupCalls => Volatile.Read(ref _lookupCalls);

        public int DeleteCalls => Volatile.Read(ref _deleteCalls);

        /// <summary>Reads the batch's users from Clerk and decides for each.</summary>
        /// <exception cref="ClerkApiException">The key was rejected (every later call would be too).</exception>
        public async Task<IReadOnlyList<RemovalCheck>> CheckAsync(IReadOnlyList<RemovalCandidate> batch, CancellationToken cancellationToken)
        {
            if (batch == null)
            {
                throw new ArgumentNullException(nameof(batch));
            }

            if (batch.Count == 0)
            {
                return Array.Empty<RemovalCheck>();
            }

            IReadOnlyList<ClerkUser> found;
            try
            {
                Interlocked.Increment(ref _lookupCalls);
                found = await _api.FindUsersByIdAsync(batch.Select(c => c.ClerkUserId).Distinct(StringComparer.Ordinal).ToList(), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUserLevel(ex, cancellationToken))
            {
                // Without the read there is no check, so nothing is deleted; a re-run tries these users again.
                var api = ex as ClerkApiException;
                return batch.Select(c => new RemovalCheck(c, new RemovalOutcome(c, RemovalStatus.Failed)
                {
                    ErrorId = RemovalErrorIds.LookupFailed,
                    ErrorCode = api?.Code,
                    TraceId = api?.TraceId,
                    Reason = $"Clerk user {c.ClerkUserId} could not be read before removing it, so it was left alone: {ex.Message}",
                    Exception = ex,
                }, null)).ToList();
            }

            var byId = new Dictionary<string, ClerkUser>(StringComparer.Ordinal);
            foreach (ClerkUser user in found)
            {
                byId[user.Id] = user;
            }

            var checks = new List<RemovalCheck>(batch.Count);
            foreach (RemovalCandidate candidate in batch)
            {
                byId.TryGetValue(candidate.ClerkUserId, out ClerkUser? user);
                checks.Add(Decide(candidate, user));
            }

            return checks;
        }

        /// <summary>Deletes one checked user; a check that is already settled is returned as it is.</summary>
        /// <exception cref="ClerkApiException">The key was rejected.</exception>
        public async Task<RemovalOutcome> RemoveAsync(RemovalCheck check, CancellationToken cancellationToken)
        {
            if (check == null)
            {
                throw new ArgumentNullException(nameof(check));
            }

            if (check.Settled != null)
            {
                return check.Settled;
            }

            RemovalCandidate candidate = check.Candidate;
            ClerkDeleteResult result;
            try
            {
                Interlocked.Increment(ref _deleteCalls);
                result = await _api.DeleteUserAsync(candidate.ClerkUserId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsUserLevel(ex, cancellationToken))
            {
                var api = ex as ClerkApiException;
                bool refused = api != null && api.StatusCode >= 400 && api.StatusCode < 500 && api.StatusCode != 429 && api.StatusCode != 408;
                return new RemovalOutcome(candidate, RemovalStatus.Failed)
                {
                    ErrorId = refused ? RemovalErrorIds.DeleteRefused : RemovalErrorIds.DeleteFailed,
                    ErrorCode = api?.Code,
                    TraceId = api?.TraceId,
                    LastSignInAt = check.LastSignInAt,
                    Reason = $"Clerk user {candidate.ClerkUserId} was not removed: {ex.Message}",
                    Exception = ex,
                };
            }

            if (result == ClerkDeleteResult.NotFound)
            {
                return new RemovalOutcome(candidate, RemovalStatus.NotFound)
                {
                    Reason = $"Clerk user {candidate.ClerkUserId} was gone by the time it was deleted.",
                };
            }

            string how = result == ClerkDeleteResult.DeletedByEarlierAttempt ? " (by an attempt whose answer was lost; the retry found it gone)" : string.Empty;
            string signedIn = check.LastSignInAt.HasValue ? $"; it had signed in on {Describe(check.LastSignInAt.Value)} and was removed because users who signed in were to be removed too" : string.Empty;
            return new RemovalOutcome(candidate, RemovalStatus.Removed)
            {
                LastSignInAt = check.LastSignInAt,
                Reason = $"Clerk user {candidate.ClerkUserId} was removed{how}{signedIn}.",
            };
        }

        /// <summary>ISO 8601 in UTC to the minute: what an admin compares with their own records.</summary>
        public static string Describe(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        private RemovalCheck Decide(RemovalCandidate candidate, ClerkUser? user)
        {
            if (user == null)
            {
                return new RemovalCheck(candidate, new RemovalOutcome(candidate, RemovalStatus.NotFound)
                {
                    Reason = $"Clerk has no user {candidate.ClerkUserId}: it was removed already.",
                }, null);
            }

            if (!string.Equals(user.ExternalId ?? string.Empty, candidate.ExternalId ?? string.Empty, StringComparison.Ordinal))
            {
                string now = string.IsNullOrEmpty(user.ExternalId) ? "no external_id" : $"external_id {user.ExternalId}";
                string then = candidate.ExternalId == null ? "none" : candidate.ExternalId;
                return new RemovalCheck(candidate, new RemovalOutcome(candidate, RemovalStatus.Kept)
                {
                    ErrorId = RemovalErrorIds.ClerkUserChanged,
                    CurrentExternalId = user.ExternalId,
                    LastSignInAt = user.LastSignInAt,
                    Reason = $"Clerk user {candidate.ClerkUserId} now has {now}, not the Cognito sub {then} it was created with, " +
                        "so it is no longer the user this module created; it is kept, even when users who signed in are removed.",
                }, user.LastSignInAt);
            }

            if (user.LastSignInAt.HasValue && !_force)
            {
                return new RemovalCheck(candidate, new RemovalOutcome(candidate, RemovalStatus.Kept)
                {
                    ErrorId = RemovalErrorIds.ClerkUserSignedIn,
                    LastSignInAt = user.LastSignInAt,
                    Reason = $"Clerk user {candidate.ClerkUserId} signed in on {Describe(user.LastSignInAt.Value)}, after the migration: " +
                        "they use Clerk now, so they are kept.",
                }, user.LastSignInAt);
            }

            return new RemovalCheck(candidate, null, user.LastSignInAt);
        }

        /// <summary>Errors that end this user's attempt only: not a rejected key, not the caller's cancellation.</summary>
        private static bool IsUserLevel(Exception ex, CancellationToken cancellationToken)
        {
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            return !(ex is ClerkApiException api && api.IsAuthenticationFailure);
        }
    }
}
