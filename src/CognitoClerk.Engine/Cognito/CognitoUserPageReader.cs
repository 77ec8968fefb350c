using System;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Pulls a pool's ListUsers pages one at a time: follows PaginationToken until Cognito stops sending
    /// one, repeating the same filter with every token. Pages may be short or empty while a token still
    /// follows, so only the token decides.
    /// <para>
    /// A <see cref="CognitoListingGuard"/> keeps a misbehaving endpoint from turning the listing into a loop that
    /// burns the account's shared ListUsers quota: every token of the listing is remembered and any repeat stops
    /// it with <see cref="CognitoPaginationException"/>, and calls are paced to <see cref="ListUsersPerSecond"/>
    /// (5 a second by default), so even an endless stream of fresh tokens costs a sixth of the quota, not all of it.
    /// </para>
    /// Task-based rather than IAsyncEnumerable: a cmdlet drives it page by page from the pipeline thread, and
    /// netstandard2.0's IAsyncEnumerable (Microsoft.Bcl.AsyncInterfaces) would be a different type from the
    /// runtime's in every net10.0 caller.
    /// </summary>
    public sealed class CognitoUserPageReader
    {
        private readonly ICognitoIdentityProvider _cognito;
        private readonly CognitoListingGuard _guard;
        private string? _token;

        /// <exception cref="CognitoConfigurationException">Missing or malformed pool ID.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="listUsersPerSecond"/> is not more than 0 and at most 30.</exception>
        public CognitoUserPageReader(
            ICognitoIdentityProvider cognito,
            string userPoolId,
            string? filter,
            double listUsersPerSecond = CognitoConnectionSettings.DefaultListUsersPerSecond)
            : this(cognito, userPoolId, filter, new CognitoListingGuard(listUsersPerSecond))
        {
        }

        /// <summary>
        /// A listing that keeps the pace of <paramref name="guard"/>, shared with other listings (one short listing per
        /// sub looked up, say, which together must still keep one pace); its tokens are a chain of their own.
        /// </summary>
        internal CognitoUserPageReader(ICognitoIdentityProvider cognito, string userPoolId, string? filter, CognitoListingGuard guard)
        {
            UserPoolIdFormat.EnsureValid(userPoolId);
            _guard = guard;
            _guard.StartChain();
            _cognito = cognito ?? throw new ArgumentNullException(nameof(cognito));
            UserPoolId = userPoolId;
            Filter = string.IsNullOrEmpty(filter) ? null : filter;
        }

        public string UserPoolId { get; }

        public string? Filter { get; }

        /// <summary>The pace: at most this many ListUsers pages are asked for a second.</summary>
        public double ListUsersPerSecond => _guard.CallsPerSecond;

        /// <summary>True once a page without a token was read.</summary>
        public bool IsComplete { get; private set; }

        public int PagesRead { get; private set; }

        public long UsersRead { get; private set; }

        /// <summary>Entries of the pages read that were not readable users (each reported with its page).</summary>
        public long RecordsRejected { get; private set; }

        /// <summary>Time spent waiting for the pace so far.</summary>
        public TimeSpan PacingWait => _guard.PacingWait;

        /// <summary>The next page, or null when the pool has been read to the end.</summary>
        /// <exception cref="CognitoPaginationException">The page's token was already given earlier in this listing.</exception>
        public async Task<CognitoUserPage?> ReadNextAsync(CancellationToken cancellationToken)
        {
            if (IsComplete)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await _guard.KeepPaceAsync(cancellationToken).ConfigureAwait(false);
            CognitoUserPage page = await _cognito.ListUsersAsync(UserPoolId, Filter, _token, cancellationToken).ConfigureAwait(false);
            _guard.Accept(page.PaginationToken, "ListUsers", "PaginationToken", UserPoolId);

            // Only advanced after a successful answer: a failed page is asked for again with the same token.
            _token = page.PaginationToken;
            IsComplete = _token == null;
            PagesRead++;
            UsersRead += page.Users.Count;
            RecordsRejected += page.Rejected.Count;
            return page;
        }
    }
}
