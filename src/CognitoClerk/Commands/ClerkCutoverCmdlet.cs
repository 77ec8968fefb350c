using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;
using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// What Get-ClerkMigrationStatus and Sync-ClerkMigratedUser share: Ctrl+C cancels the engine's work and becomes
    /// PipelineStoppedException; engine tasks are awaited on the pipeline thread; Clerk is connected once (the key,
    /// the URL, GET /v1/instance for the pace, the concurrency), and a key or URL that cannot work stops the
    /// cmdlet once. Engine types appear only in internal members: PowerShell reflects a cmdlet's public surface
    /// before the module's load context exists.
    /// </summary>
    public abstract class ClerkCutoverCmdlet : PSCmdlet, IDisposable
    {
        /// <summary>A few progress updates a second: enough to look alive, few enough to cost nothing.</summary>
        internal static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

        internal CancellationToken Cancellation => _cancellation.Token;

        internal bool IsStopping => _cancellation.IsCancellationRequested;

        public void Dispose()
        {
            DisposeResources();
            _cancellation.Dispose();
        }

        protected override void StopProcessing() => _cancellation.Cancel();

        /// <summary>Releases what the cmdlet opened; called once, by Dispose (also after Ctrl+C or a terminating error).</summary>
        protected virtual void DisposeResources()
        {
        }

        internal bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

        /// <summary>-WhatIf given, or $WhatIfPreference set.</summary>
        internal bool IsWhatIfRun() =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? bound)
                ? LanguagePrimitives.IsTrue(bound)
                : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>Waits for an engine task on the pipeline thread; a stop (Ctrl+C) ends the pipeline.</summary>
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

        /// <summary>
        /// The Backend API client, with the instance's pace known: -SecretKey (else $env:CLERK_SECRET_KEY), -ApiUrl
        /// (else $env:CLERK_API_URL), then GET /v1/instance, once, before any other call. A missing or rejected key,
        /// a bad URL or an unreachable Clerk stops the cmdlet here, once. <paramref name="throttleLimit"/> is the
        /// bound one or what the instance's pace needs.
        /// </summary>
        internal ClerkBackendApi ConnectClerk(SecureString? secretKey, string? apiUrl, int? requestsPer10Seconds, int? boundThrottleLimit, out int throttleLimit)
        {
            ClerkSecretKey? key = ClerkSecretKeyReader.ReadOrNull(secretKey);
            if (key == null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException($"No Clerk secret key: pass -SecretKey or set $env:{EnvironmentDefaults.ClerkSecretKeyVariable}."),
                    NewClerkMigratedUserCommand.SecretKeyMissing,
                    ErrorCategory.InvalidArgument,
                    null));
            }

            ClerkBackendApi? api = null;
            try
            {
                api = ClerkApiConnector.Connect(key!, apiUrl, requestsPer10Seconds);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, NewClerkMigratedUserCommand.ApiUrlInvalid, ErrorCategory.InvalidArgument, null));
            }

            ClerkInstanceInfo? instance = null;
            int rate = 0;
            try
            {
                try
                {
                    instance = Await(api!.GetInstanceAsync(Cancellation));
                }
                catch (ClerkApiException ex) when (!ex.IsAuthenticationFailure)
                {
                    WriteWarning($"GET /v1/instance failed ({ex.Message}); pacing at the lower, development limit unless -RequestsPer10Seconds says otherwise.");
                }

                rate = Await(api!.GetRequestsPer10SecondsAsync(Cancellation));
            }
            catch (ClerkApiException ex) when (ex.IsAuthenticationFailure)
            {
                api!.Dispose();
                ThrowTerminatingError(AuthenticationRecord(ex));
            }
            catch (Exception ex) when (ex is ClerkApiException || ex is ClerkConnectionException)
            {
                api!.Dispose();
                ThrowTerminatingError(new ErrorRecord(ex, NewClerkMigratedUserCommand.Unreachable, ErrorCategory.ConnectionError, null)
                {
                    ErrorDetails = new ErrorDetails("Clerk could not be reached: " + ex.Message)
                    {
                        RecommendedAction = $"Check -ApiUrl or $env:{EnvironmentDefaults.ClerkApiUrlVariable}, and the network path to Clerk.",
                    },
                });
            }

            throttleLimit = boundThrottleLimit ?? MigrationRunnerOptions.RecommendedThrottleLimit(rate);
            WriteVerbose(
                (instance == null ? "Clerk instance of unknown kind" : $"Clerk {instance.EnvironmentType} instance {instance.Id}") +
                $": {rate} requests per 10 s" + (requestsPer10Seconds.HasValue ? " (-RequestsPer10Seconds)" : string.Empty) +
                $", up to {throttleLimit} in flight.");
            return api!;
        }

        /// <summary>A rejected key: the same error whichever call met it.</summary>
        internal static ErrorRecord AuthenticationRecord(ClerkApiException ex) =>
            new ErrorRecord(ex, NewClerkMigratedUserCommand.AuthenticationFailed, ErrorCategory.AuthenticationError, null)
            {
                ErrorDetails = new ErrorDetails($"Clerk rejected the secret key: {ex.Message}")
                {
                    RecommendedAction = $"Pass the target instance's secret key (sk_live_... or sk_test_...) with -SecretKey or $env:{EnvironmentDefaults.ClerkSecretKeyVariable}.",
                },
            };

        /// <summary>The error a run that stopped (MigrationAbortedException) ends the cmdlet with.</summary>
        internal static ErrorRecord StoppedRecord(MigrationAbortedException aborted)
        {
            Exception cause = aborted.InnerException ?? aborted;
            return cause is ClerkApiException api && api.IsAuthenticationFailure
                ? AuthenticationRecord(api)
                : new ErrorRecord(cause, NewClerkMigratedUserCommand.MigrationStopped, ErrorCategory.NotSpecified, null);
        }
    }
}
