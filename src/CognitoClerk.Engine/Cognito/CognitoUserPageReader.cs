using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Pulls a pool's ListUsers pages one at a time: follows PaginationToken until Cognito stops sending
    /// one, repeating the same filter with every token. Pages may be short or empty while a token still
    /// follows, so only the token decides.
    /// <para>
    /// Two guards keep a misbehaving endpoint from turning the listing into a loop that burns the account's
    /// shared ListUsers quota: every token of the listing is remembered (as a 128-bit hash, 16 bytes a page, so
    /// a million users cost about 270 KB) and any repeat stops it with <see cref="CognitoPaginationException"/>;
    /// and calls are paced to <see cref="ListUsersPerSecond"/> (5 a second by default, see
    /// <see cref="CognitoConnectionSettings.DefaultListUsersPerSecond"/>), so even an endless stream of fresh
    /// tokens costs a sixth of the quota, not all of it.
    /// </para>
    /// Task-based rather than IAsyncEnumerable: a cmdlet drives it page by page from the pipeline thread, and
    /// netstandard2.0's IAsyncEnumerable (Microsoft.Bcl.AsyncInterfaces) would be a different type from the
    /// runtime's in every net10.0 caller.
    /// </summary>
    public sealed class CognitoUserPageReader
    {
        private readonly ICognitoIdentityProvider _cognito;
        private readonly Dictionary<TokenHash, int> _tokens = new Dictionary<TokenHash, int>();
        private readonly TimeSpan _interval;
        private readonly Stopwatch _clock = new Stopwatch();
        private TimeSpan? _lastCall;
        private string? _token;

        /// <exception cref="CognitoConfigurationException">Missing or malformed pool ID.</exception>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="listUsersPerSecond"/> is not more than 0 and at most 30.</exception>
        public CognitoUserPageReader(
            ICognitoIdentityProvider cognito,
            string userPoolId,
            string? filter,
            double listUsersPerSecond = CognitoConnectionSettings.DefaultListUsersPerSecond)
        {
            UserPoolIdFormat.EnsureValid(userPoolId);
            if (!(listUsersPerSecond > 0) || listUsersPerSecond > CognitoConnectionSettings.MaxListUsersPerSecond)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(listUsersPerSecond),
                    listUsersPerSecond,
                    $"ListUsers calls a second must be more than 0 and at most {CognitoConnectionSettings.MaxListUsersPerSecond} (Cognito's whole account quota).");
            }

            _cognito = cognito ?? throw new ArgumentNullException(nameof(cognito));
            UserPoolId = userPoolId;
            Filter = string.IsNullOrEmpty(filter) ? null : filter;
            ListUsersPerSecond = listUsersPerSecond;
            _interval = TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / listUsersPerSecond));
        }

        public string UserPoolId { get; }

        public string? Filter { get; }

        /// <summary>The pace: at most this many ListUsers pages are asked for a second.</summary>
        public double ListUsersPerSecond { get; }

        /// <summary>True once a page without a token was read.</summary>
        public bool IsComplete { get; private set; }

        public int PagesRead { get; private set; }

        public long UsersRead { get; private set; }

        /// <summary>Entries of the pages read that were not readable users (each reported with its page).</summary>
        public long RecordsRejected { get; private set; }

        /// <summary>Time spent waiting for the pace so far.</summary>
        public TimeSpan PacingWait { get; private set; }

        /// <summary>The next page, or null when the pool has been read to the end.</summary>
        /// <exception cref="CognitoPaginationException">The page's token was already given earlier in this listing.</exception>
        public async Task<CognitoUserPage?> ReadNextAsync(CancellationToken cancellationToken)
        {
            if (IsComplete)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            await KeepPaceAsync(cancellationToken).ConfigureAwait(false);
            CognitoUserPage page = await _cognito.ListUsersAsync(UserPoolId, Filter, _token, cancellationToken).ConfigureAwait(false);

            int pageNumber = PagesRead + 1;
            if (page.PaginationToken != null)
            {
                TokenHash hash = TokenHash.Of(page.PaginationToken);
                if (_tokens.TryGetValue(hash, out int firstSeen))
                {
                    throw new CognitoPaginationException(UserPoolId, pageNumber, firstSeen);
                }

                _tokens.Add(hash, pageNumber);
            }

            // Only advanced after a successful answer: a failed page is asked for again with the same token.
            _token = page.PaginationToken;
            IsComplete = _token == null;
            PagesRead = pageNumber;
            UsersRead += page.Users.Count;
            RecordsRejected += page.Rejected.Count;
            return page;
        }

        private async Task KeepPaceAsync(CancellationToken cancellationToken)
        {
            if (!_clock.IsRunning)
            {
                _clock.Start();
            }

            if (_lastCall.HasValue)
            {
                TimeSpan wait = _lastCall.Value + _interval - _clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                    PacingWait += wait;
                }
            }

            _lastCall = _clock.Elapsed;
        }

        /// <summary>The first 128 bits of a token's SHA-256: a collision (a false "loop") is as likely as guessing a random 128-bit key.</summary>
        private readonly struct TokenHash : IEquatable<TokenHash>
        {
            private readonly ulong _high;
            private readonly ulong _low;

            private TokenHash(ulong high, ulong low)
            {
                _high = high;
                _low = low;
            }

            public static TokenHash Of(string token)
            {
                using var sha = SHA256.Create();
                byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(token));
                return new TokenHash(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
            }

            public bool Equals(TokenHash other) => _high == other._high && _low == other._low;

            public override bool Equals(object? obj) => obj is TokenHash other && Equals(other);

            public override int GetHashCode() => _low.GetHashCode();
        }
    }
}
