using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// The connection a Clerk-writing cmdlet (New-ClerkMigratedUser, Remove-ClerkMigratedUser) opens before its
    /// first call: the key (-SecretKey or $env:CLERK_SECRET_KEY), the client, one GET /v1/instance that fails
    /// early on a rejected key and names the instance, and the pace. Setup problems are terminating errors of the
    /// calling cmdlet, each once; <see cref="Wait{T}"/> runs later calls the same way from the pipeline thread.
    /// </summary>
    internal sealed class ClerkCmdletConnection : IDisposable
    {
        private readonly PSCmdlet _cmdlet;
        private readonly CancellationToken _cancel;

        private ClerkCmdletConnection(PSCmdlet cmdlet, CancellationToken cancel, ClerkBackendApi api)
        {
            _cmdlet = cmdlet;
            _cancel = cancel;
            Api = api;
        }

        internal ClerkBackendApi Api { get; }

        /// <summary>Null when GET /v1/instance was not answered (a proxy without the route): pacing then falls back.</summary>
        internal ClerkInstanceInfo? Instance { get; private set; }

        internal int RequestsPer10Seconds { get; private set; }

        /// <summary>The instance and pace, for Write-Verbose.</summary>
        internal string Description { get; private set; } = string.Empty;

        /// <summary>Connects or stops the cmdlet with a terminating error (no key, bad URL, rejected key, unreachable).</summary>
        internal static ClerkCmdletConnection Open(PSCmdlet cmdlet, SecureString? secretKey, string? apiUrl, int? rateOverride, CancellationToken cancel)
        {
            ClerkSecretKey? key = ClerkSecretKeyReader.ReadOrNull(secretKey);
            if (key == null)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new PSArgumentException($"No Clerk secret key: pass -SecretKey or set $env:{EnvironmentDefaults.ClerkSecretKeyVariable}."),
                    NewClerkMigratedUserCommand.SecretKeyMissing,
                    ErrorCategory.InvalidArgument,
                    null));
            }

            ClerkBackendApi? api = null;
            try
            {
                api = ClerkApiConnector.Connect(key!, apiUrl, rateOverride);
            }
            catch (ArgumentException ex)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(ex, NewClerkMigratedUserCommand.ApiUrlInvalid, ErrorCategory.InvalidArgument, null));
            }

            var connection = new ClerkCmdletConnection(cmdlet, cancel, api!);
            try
            {
                connection.Start(rateOverride);
                return connection;
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        /// <summary>
        /// Sync-over-async on the pipeline thread: Ctrl+C cancels, a rejected key and an unreachable Clerk are one
        /// terminating error each; other Clerk answers are the caller's to handle.
        /// </summary>
        internal T Wait<T>(Task<T> call)
        {
            try
            {
                return call.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (ClerkApiException ex) when (ex.IsAuthenticationFailure)
            {
                _cmdlet.ThrowTerminatingError(AuthenticationRecord(ex));
                throw;
            }
            catch (ClerkApiException)
            {
                throw;
            }
            catch (Exception ex)
            {
                _cmdlet.ThrowTerminatingError(new ErrorRecord(ex, NewClerkMigratedUserCommand.Unreachable, ErrorCategory.ConnectionError, null)
                {
                    ErrorDetails = new ErrorDetails("Clerk could not be reached: " + ex.Message)
                    {
                        RecommendedAction = $"Check -ApiUrl or $env:{EnvironmentDefaults.ClerkApiUrlVariable}, and the network path to Clerk.",
                    },
                });
                throw;
            }
        }

        internal static ErrorRecord AuthenticationRecord(ClerkApiException ex)
        {
            return new ErrorRecord(ex, NewClerkMigratedUserCommand.AuthenticationFailed, ErrorCategory.AuthenticationError, null)
            {
                ErrorDetails = new ErrorDetails($"Clerk rejected the secret key: {ex.Message}")
                {
                    RecommendedAction = $"Pass the target instance's secret key (sk_live_... or sk_test_...) with -SecretKey or $env:{EnvironmentDefaults.ClerkSecretKeyVariable}.",
                },
            };
        }

        public void Dispose() => Api.Dispose();

        private void Start(int? rateOverride)
        {
            // One read before any write: a rejected key stops here, once, and the instance tells the pace.
            try
            {
                Instance = Wait(Api.GetInstanceAsync(_cancel));
            }
            catch (ClerkApiException ex) when (!ex.IsAuthenticationFailure)
            {
                // A proxy or gateway without this route: the client then paces at the development limit, the safe one.
                _cmdlet.WriteWarning($"GET /v1/instance failed ({ex.Message}); pacing at the lower, development limit unless -RequestsPer10Seconds says otherwise.");
            }

            try
            {
                RequestsPer10Seconds = Wait(Api.GetRequestsPer10SecondsAsync(_cancel));
            }
            catch (ClerkApiException ex)
            {
                _cmdlet.ThrowTerminatingError(new ErrorRecord(ex, NewClerkMigratedUserCommand.Unreachable, ErrorCategory.ConnectionError, null));
            }

            Description = (Instance == null ? "Clerk instance of unknown kind" : $"Clerk {Instance.EnvironmentType} instance {Instance.Id}") +
                $": {RequestsPer10Seconds} requests per 10 s" +
                (rateOverride.HasValue ? " (-RequestsPer10Seconds)" : Instance != null ? " (Clerk's documented limit)" : string.Empty);
        }
    }
}
