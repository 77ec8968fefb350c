using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Cutover
{
    /// <summary>
    /// Finds the Clerk users who came from a pool (private_metadata.cognito.user_pool_id) whose sub the pool no
    /// longer has: it lists every Clerk user, a page of 500 at a time with the starting_after cursor (each call
    /// paced by the shared limiter), and checks each against the pool's subs read beforehand (<see cref="PoolSubSet"/>).
    /// Only the page in hand is in memory. Where the compact set cannot be sure (a hash collision, or a user created
    /// in Clerk since the lookups), Cognito is asked for that one sub (ListUsers with a sub filter). A hash hit more
    /// often than users were found under it is settled in a second listing pass, which only such a collision causes.
    /// </summary>
    public sealed class DeletedUserScan
    {
        private readonly IClerkBackendApi _clerk;
        private readonly ICognitoIdentityProvider _cognito;
        private readonly string _userPoolId;
        private readonly PoolSubSet _subs;
        private readonly int _pageSize;
        private readonly CognitoListingGuard _guard;
        private string? _cursor;
        private bool _secondPass;
        private bool _done;

        /// <param name="listUsersPerSecond">The pace of the single-sub ListUsers checks, all together (Cognito's ListUsers quota is the account's).</param>
        public DeletedUserScan(
            IClerkBackendApi clerk,
            ICognitoIdentityProvider cognito,
            string userPoolId,
            PoolSubSet subs,
            int pageSize = ClerkBackendApi.MaxListLimit,
            double listUsersPerSecond = CognitoConnectionSettings.DefaultListUsersPerSecond)
        {
            _guard = new CognitoListingGuard(listUsersPerSecond);
            _clerk = clerk ?? throw new ArgumentNullException(nameof(clerk));
            _cognito = cognito ?? throw new ArgumentNullException(nameof(cognito));
            _userPoolId = userPoolId ?? throw new ArgumentNullException(nameof(userPoolId));
            _subs = subs ?? throw new ArgumentNullException(nameof(subs));
            _pageSize = pageSize;
        }

        public int PagesRead { get; private set; }

        /// <summary>Clerk users seen that came from this pool (both passes).</summary>
        public int UsersFromPool { get; private set; }

        /// <summary>Single-sub Cognito lookups made to settle what the compact set could not.</summary>
        public int CognitoChecks { get; private set; }

        /// <summary>Whether a second pass was needed (hash collisions met).</summary>
        public bool MadeSecondPass => _secondPass;

        /// <summary>The DeletedInCognito users of the next page (often none); null once every page was read.</summary>
        public async Task<IReadOnlyList<MigrationStatusEntry>?> ReadNextAsync(CancellationToken cancellationToken)
        {
            if (_done)
            {
                return null;
            }

            IReadOnlyList<ClerkUser> page = await _clerk.ListUsersAsync(_cursor, _pageSize, cancellationToken).ConfigureAwait(false);
            PagesRead++;
            var deleted = new List<MigrationStatusEntry>();
            foreach (ClerkUser user in page)
            {
                if (!CognitoOrigin.IsFrom(user, _userPoolId) || string.IsNullOrEmpty(user.ExternalId))
                {
                    continue;
                }

                UsersFromPool++;
                if (await IsDeletedAsync(user.ExternalId!, cancellationToken).ConfigureAwait(false))
                {
                    deleted.Add(Entry(user));
                }
            }

            _cursor = page.Count > 0 ? page[page.Count - 1].Id : _cursor;
            if (page.Count < _pageSize)
            {
                if (!_secondPass && _subs.HasContested)
                {
                    _secondPass = true;
                    _cursor = null;
                }
                else
                {
                    _done = true;
                }
            }

            return deleted;
        }

        private async Task<bool> IsDeletedAsync(string externalId, CancellationToken cancellationToken)
        {
            if (_secondPass)
            {
                return _subs.IsContested(externalId) && !await IsInPoolAsync(externalId, cancellationToken).ConfigureAwait(false);
            }

            switch (_subs.Match(externalId))
            {
                case SubMatch.Absent:
                    return true;
                case SubMatch.Ambiguous:
                    return !await IsInPoolAsync(externalId, cancellationToken).ConfigureAwait(false);
                default:
                    // Present; or Contested, settled with every other user of its hash in the second pass.
                    return false;
            }
        }

        private async Task<bool> IsInPoolAsync(string sub, CancellationToken cancellationToken)
        {
            CognitoChecks++;
            string filter = "sub = \"" + sub.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

            // Cognito may answer a filtered ListUsers with empty pages before the one that holds the user.
            var reader = new CognitoUserPageReader(_cognito, _userPoolId, filter, _guard);
            CognitoUserPage? page;
            while ((page = await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false)) != null)
            {
                foreach (CognitoUser user in page.Users)
                {
                    if (string.Equals(user.GetAttribute(CognitoAttributeNames.Sub), sub, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static MigrationStatusEntry Entry(ClerkUser user) => new MigrationStatusEntry
        {
            Username = user.CognitoUsername,
            UserPoolId = user.CognitoUserPoolId,
            ExternalId = user.ExternalId,
            ClerkUserId = user.Id,
            State = MigrationState.DeletedInCognito,
            LastSignInAt = user.LastSignInAt,
            ClerkBanned = user.Banned,
            ClerkLocked = user.Locked,
            ModuleRestriction = AccessRecordReader.RestrictionOf(user),
        };
    }
}
