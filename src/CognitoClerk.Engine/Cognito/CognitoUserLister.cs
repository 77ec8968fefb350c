using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// A whole pool as an async stream, for engine-side consumers (end-to-end runs, benchmarks).
    /// One page is in memory at a time. Cmdlets drive <see cref="CognitoUserPageReader"/> directly.
    /// </summary>
    public sealed class CognitoUserLister
    {
        private readonly ICognitoIdentityProvider _cognito;

        public CognitoUserLister(ICognitoIdentityProvider cognito)
        {
            _cognito = cognito ?? throw new ArgumentNullException(nameof(cognito));
        }

        /// <summary>Every page, in the order Cognito gives them, as each one arrives.</summary>
        public async IAsyncEnumerable<CognitoUserPage> ReadPagesAsync(
            string userPoolId, string? filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var reader = new CognitoUserPageReader(_cognito, userPoolId, filter);
            CognitoUserPage? page;
            while ((page = await reader.ReadNextAsync(cancellationToken).ConfigureAwait(false)) != null)
            {
                yield return page;
            }
        }

        /// <summary>Every user, as each page arrives.</summary>
        public async IAsyncEnumerable<CognitoUser> ReadUsersAsync(
            string userPoolId, string? filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (CognitoUserPage page in ReadPagesAsync(userPoolId, filter, cancellationToken).ConfigureAwait(false))
            {
                foreach (CognitoUser user in page.Users)
                {
                    yield return user;
                }
            }
        }
    }
}
