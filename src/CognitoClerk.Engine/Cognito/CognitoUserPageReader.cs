using System;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Pulls a pool's ListUsers pages one at a time: follows PaginationToken until Cognito stops sending
    /// one, repeating the same filter with every token. Pages may be short or empty while a token still
    /// follows, so only the token decides. Nothing is remembered between pages but the token.
    /// Task-based rather than IAsyncEnumerable: a cmdlet drives it page by page from the pipeline thread, and
    /// netstandard2.0's IAsyncEnumerable (Microsoft.Bcl.AsyncInterfaces) would be a different type from the
    /// runtime's in every net10.0 caller.
    /// </summary>
    public sealed class CognitoUserPageReader
    {
        private readonly ICognitoIdentityProvider _cognito;
        private string? _token;

        /// <exception cref="CognitoConfigurationException">Missing or malformed pool ID.</exception>
        public CognitoUserPageReader(ICognitoIdentityProvider cognito, string userPoolId, string? filter)
        {
            UserPoolIdFormat.EnsureValid(userPoolId);
            _cognito = cognito ?? throw new ArgumentNullException(nameof(cognito));
            UserPoolId = userPoolId;
            Filter = string.IsNullOrEmpty(filter) ? null : filter;
        }

        public string UserPoolId { get; }

        public string? Filter { get; }

        /// <summary>True once a page without a token was read.</summary>
        public bool IsComplete { get; private set; }

        public int PagesRead { get; private set; }

        public long UsersRead { get; private set; }

        /// <summary>The next page, or null when the pool has been read to the end.</summary>
        public async Task<CognitoUserPage?> ReadNextAsync(CancellationToken cancellationToken)
        {
            if (IsComplete)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            CognitoUserPage page = await _cognito.ListUsersAsync(UserPoolId, Filter, _token, cancellationToken).ConfigureAwait(false);

            // A token handed back unchanged would loop forever over the same page.
            if (page.PaginationToken != null && string.Equals(page.PaginationToken, _token, StringComparison.Ordinal))
            {
                throw new CognitoPaginationException(UserPoolId, PagesRead + 1);
            }

            // Only advanced after a successful answer: a failed page is asked for again with the same token.
            _token = page.PaginationToken;
            IsComplete = _token == null;
            PagesRead++;
            UsersRead += page.Users.Count;
            return page;
        }
    }
}
