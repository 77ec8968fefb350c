using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>
    /// Runs every pre-flight check, in the order of <see cref="ReadinessCheckNames.All"/>, one row each. A
    /// failing check, or a service that cannot be reached, is a failed row, never an exception: only
    /// cancellation escapes.
    /// </summary>
    public sealed class MigrationReadinessInspector
    {
        private readonly ICognitoIdentityProvider _cognito;
        private readonly IClerkBackendApi? _clerk;

        /// <param name="clerk">Null when no Clerk key was given: the Clerk checks are reported as skipped.</param>
        public MigrationReadinessInspector(ICognitoIdentityProvider cognito, IClerkBackendApi? clerk)
        {
            _cognito = cognito ?? throw new ArgumentNullException(nameof(cognito));
            _clerk = clerk;
        }

        public async Task<IReadOnlyList<ReadinessCheckResult>> RunAsync(MigrationReadinessRequest request, CancellationToken cancellationToken)
        {
            if (request == null)
            {
                throw new ArgumentNullException(nameof(request));
            }

            var results = new List<ReadinessCheckResult> { RegionCheck.Evaluate(request) };

            CognitoUserPool? pool = null;
            try
            {
                pool = await _cognito.DescribeUserPoolAsync(request.UserPoolId, cancellationToken).ConfigureAwait(false);
                results.Add(UserPoolCheck.Passed(pool));
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                results.Add(UserPoolCheck.Failed(ex, request));
            }

            results.AddRange(await CheckClientAsync(request, pool != null, cancellationToken).ConfigureAwait(false));

            if (pool != null)
            {
                results.Add(IdentifierSourceCheck.Evaluate(pool, request.IdentifierSource));
                results.Add(SignInBlockerChecks.Mfa(pool, request));
                results.Add(SignInBlockerChecks.LambdaTriggers(pool, request));
            }
            else
            {
                results.Add(IdentifierSourceCheck.PoolUnreadable(request.IdentifierSource));
                results.AddRange(SignInBlockerChecks.PoolUnreadable());
            }

            results.AddRange(await CheckClerkAsync(request, pool, cancellationToken).ConfigureAwait(false));
            return results;
        }

        private async Task<IReadOnlyList<ReadinessCheckResult>> CheckClientAsync(MigrationReadinessRequest request, bool poolReadable, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(request.ClientId))
            {
                return AppClientChecks.NoClientGiven(request);
            }

            if (!poolReadable)
            {
                return AppClientChecks.PoolUnreadable();
            }

            try
            {
                CognitoUserPoolClient client = await _cognito
                    .DescribeUserPoolClientAsync(request.UserPoolId, request.ClientId!, cancellationToken)
                    .ConfigureAwait(false);
                return AppClientChecks.Evaluate(client, request);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return AppClientChecks.Unreadable(ex, request);
            }
        }

        private async Task<IReadOnlyList<ReadinessCheckResult>> CheckClerkAsync(MigrationReadinessRequest request, CognitoUserPool? pool, CancellationToken cancellationToken)
        {
            if (_clerk == null)
            {
                return ClerkInstanceChecks.NoKeyGiven();
            }

            try
            {
                ClerkInstanceInfo instance = await _clerk.GetInstanceAsync(cancellationToken).ConfigureAwait(false);
                return ClerkInstanceChecks.Evaluate(instance, pool);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return ClerkInstanceChecks.Unreachable(ex, request);
            }
        }
    }
}
