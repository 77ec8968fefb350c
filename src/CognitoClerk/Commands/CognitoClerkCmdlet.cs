using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Cognito;
using CognitoClerk.Engine.Migration;
using CognitoClerk.Errors;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// What every cmdlet of the module needs and writes once: Ctrl+C cancels the engine's work and becomes
    /// PipelineStoppedException; engine tasks are awaited on the pipeline thread; Clerk and Cognito clients are
    /// built from the parameters and the environment, and a setting that cannot work stops the cmdlet once.
    /// Engine types appear only in internal members: PowerShell reflects a cmdlet's public surface before the
    /// module's load context exists.
    /// </summary>
    public abstract class CognitoClerkCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        /// <summary>Cancelled when the pipeline is stopped (Ctrl+C, Select-Object -First).</summary>
        internal CancellationToken Cancellation => _cancellation.Token;

        internal bool IsStopping => _cancellation.IsCancellationRequested;

        public void Dispose()
        {
            DisposeResources();
            _cancellation.Dispose();
        }

        protected override void StopProcessing() => _cancellation.Cancel();

        /// <summary>Releases what the cmdlet opened (clients, a migration session); called once, by Dispose.</summary>
        protected virtual void DisposeResources()
        {
        }

        internal bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

        /// <summary>Waits for an engine task on the pipeline thread. A stop (Ctrl+C) ends the pipeline; other failures are the caller's.</summary>
        internal T Await<T>(Task<T> task)
        {
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (IsStopping)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Runs <paramref name="action"/>; a stop (Ctrl+C) while it waits on the engine ends the pipeline.</summary>
        internal void Stoppable(Action action)
        {
            try
            {
                action();
            }
            catch (OperationCanceledException) when (IsStopping)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>True when -WhatIf was passed, or $WhatIfPreference says so: the cmdlet then writes nothing anywhere.</summary>
        internal bool IsWhatIfRun() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? bound)
                ? LanguagePrimitives.IsTrue(bound)
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>A set-up call to Clerk (the instance, the rate): a rejected key and an unreachable Clerk are one terminating error each.</summary>
        internal T CallClerk<T>(Func<Task<T>> call)
        {
            try
            {
                return Await(call());
            }
            catch (ClerkApiException ex) when (ex.IsAuthenticationFailure)
            {
                ThrowTerminatingError(ClerkAuthenticationRecord(ex));
                throw;
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.ClerkUnreachable(ex));
                throw;
            }
        }

        /// <summary>Clerk refused the key: which key to pass instead.</summary>
        internal static ErrorRecord ClerkAuthenticationRecord(ClerkApiException ex) =>
            ErrorRecords.ClerkAuthenticationFailed(
                ex,
                $"Pass the target instance's secret key (sk_live_... or sk_test_...) with -SecretKey or $env:{EnvironmentDefaults.ClerkSecretKeyVariable}.");

        /// <summary>
        /// The Backend API client for -SecretKey (else $env:CLERK_SECRET_KEY) and -ApiUrl (else $env:CLERK_API_URL, else
        /// https://api.clerk.com). No network call is made. Without a key: null, or a terminating error when
        /// <paramref name="required"/>. A URL that is not https (or http on loopback) stops the cmdlet.
        /// </summary>
        /// <param name="onWait">Told about every wait before a retry, on a worker thread: queue it, write it from the pipeline thread.</param>
        internal ClerkBackendApi? ConnectClerk(SecureString? secretKey, string? apiUrl, int? requestsPer10Seconds, bool required, Action<ClerkWaitEvent>? onWait = null)
        {
            ClerkSecretKey? key = null;
            try
            {
                key = ClerkSecretKeyReader.ReadOrNull(secretKey);
            }
            catch (ClerkSecretKeyException ex)
            {
                // A publishable key is refused here, before anything is sent with it.
                ThrowTerminatingError(ErrorRecords.SecretKeyInvalid(ex));
            }

            if (key == null)
            {
                if (required)
                {
                    ThrowTerminatingError(ErrorRecords.SecretKeyMissing());
                }

                return null;
            }

            try
            {
                return ClerkBackendApi.Create(new ClerkConnectionSettings(key!, ResolveClerkApiUrl(apiUrl))
                {
                    RequestsPer10Seconds = requestsPer10Seconds,
                    OnWait = onWait,
                });
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.From(ex, ErrorIds.ClerkApiUrlInvalid, null));
                throw;
            }
        }

        /// <summary>
        /// GET /v1/instance, the first call of a cmdlet that writes to Clerk: a rejected key and an unreachable Clerk stop
        /// the cmdlet (one terminating error each); another error answer (a proxy without the route) is a warning and null,
        /// and the client then paces at the safe, lower limit.
        /// </summary>
        internal ClerkInstanceInfo? ReadInstance(ClerkBackendApi api)
        {
            try
            {
                return Await(api.GetInstanceAsync(Cancellation));
            }
            catch (ClerkApiException ex) when (ex.IsAuthenticationFailure)
            {
                ThrowTerminatingError(ClerkAuthenticationRecord(ex));
                throw;
            }
            catch (ClerkApiException ex)
            {
                WarnInstanceUnread(ex);
                return null;
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                ThrowTerminatingError(ErrorRecords.ClerkUnreachable(ex));
                throw;
            }
        }

        internal void WarnInstanceUnread(ClerkApiException failure) =>
            // A proxy or gateway without this route: the client then paces at the development limit, the safe one.
            WriteWarning($"GET /v1/instance failed ({failure.Message}); pacing at the lower, development limit unless -RequestsPer10Seconds says otherwise.");

        internal static string DescribeStart(ClerkInstanceInfo? instance, int rate, bool rateGiven, int throttleLimit) =>
            (instance == null ? "Clerk instance of unknown kind" : $"Clerk {instance.EnvironmentType} instance {instance.Id}") +
            $": {rate} requests per 10 s" +
            (rateGiven ? " (-RequestsPer10Seconds)" : instance != null ? " (Clerk's documented limit)" : string.Empty) +
            $", up to {throttleLimit} in flight.";

        /// <summary>-ApiUrl, else $env:CLERK_API_URL, else https://api.clerk.com.</summary>
        internal static string ResolveClerkApiUrl(string? apiUrl) =>
            apiUrl ?? EnvironmentDefaults.ClerkApiUrl ?? ClerkConnectionSettings.DefaultApiUrl;

        /// <summary>
        /// The Cognito client for a pool, with -Region/-ProfileName/-EndpointUrl and the environment's defaults meaning
        /// the same in every cmdlet. Settings that cannot work (no or a malformed pool ID, a bad endpoint) stop the cmdlet.
        /// </summary>
        internal CognitoIdentityProviderClient ConnectCognito(
            string? userPoolId, string? region, string? profileName, string? endpointUrl, Action<CognitoRetryEvent>? onRetry = null)
        {
            CognitoConnectionSettings settings = CognitoConnectionDefaults.Create(userPoolId, region, profileName, endpointUrl, onRetry);
            try
            {
                return new CognitoIdentityProviderClient(settings);
            }
            catch (CognitoConfigurationException ex)
            {
                ThrowTerminatingError(ErrorRecords.ForCognito(ex, settings.UserPoolId)!);
                throw;
            }
        }
    }
}
