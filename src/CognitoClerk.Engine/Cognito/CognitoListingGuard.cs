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
    /// What keeps a paginated Cognito listing from turning into a loop that burns the account's shared quota:
    /// calls are paced (at most so many a second, 5 by default: see
    /// <see cref="CognitoConnectionSettings.DefaultListUsersPerSecond"/>), and every token of a token chain is
    /// remembered (as a 128-bit hash, 16 bytes a page, so a million users cost about 270 KB), so that any repeat,
    /// not only the same token twice in a row, stops the listing with <see cref="CognitoPaginationException"/>.
    /// One guard serves one reader; a reader that walks several chains (ListGroups, then ListUsersInGroup per
    /// group) starts each with <see cref="StartChain"/> and keeps one pace across all of them.
    /// </summary>
    internal sealed class CognitoListingGuard
    {
        private readonly Dictionary<TokenHash, int> _tokens = new Dictionary<TokenHash, int>();
        private readonly TimeSpan _interval;
        private readonly Stopwatch _clock = new Stopwatch();
        private TimeSpan? _lastCall;
        private int _pageInChain;

        /// <exception cref="ArgumentOutOfRangeException"><paramref name="callsPerSecond"/> is not more than 0 and at most 30.</exception>
        public CognitoListingGuard(double callsPerSecond)
        {
            if (!(callsPerSecond > 0) || callsPerSecond > CognitoConnectionSettings.MaxListUsersPerSecond)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(callsPerSecond),
                    callsPerSecond,
                    $"Listing calls a second must be more than 0 and at most {CognitoConnectionSettings.MaxListUsersPerSecond} (Cognito's whole account quota).");
            }

            CallsPerSecond = callsPerSecond;
            _interval = TimeSpan.FromTicks((long)(TimeSpan.TicksPerSecond / callsPerSecond));
        }

        public double CallsPerSecond { get; }

        /// <summary>Time spent waiting for the pace so far.</summary>
        public TimeSpan PacingWait { get; private set; }

        /// <summary>Waits until the next call keeps the pace.</summary>
        public async Task KeepPaceAsync(CancellationToken cancellationToken)
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

        /// <summary>A new token chain begins (another operation, or the next group): its tokens are new.</summary>
        public void StartChain()
        {
            _tokens.Clear();
            _pageInChain = 0;
        }

        /// <summary>Takes the token a page of the current chain handed back; null ends the chain.</summary>
        /// <exception cref="CognitoPaginationException">The token was already handed back earlier in this chain.</exception>
        public void Accept(string? token, string operation, string tokenName, string userPoolId)
        {
            _pageInChain++;
            if (token == null)
            {
                return;
            }

            TokenHash hash = TokenHash.Of(token);
            if (_tokens.TryGetValue(hash, out int firstSeen))
            {
                throw new CognitoPaginationException(operation, tokenName, userPoolId, _pageInChain, firstSeen);
            }

            _tokens.Add(hash, _pageInChain);
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
