using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// AWS credentials as AWSSDK.Core resolves them (environment, web identity, profiles including SSO,
    /// assume-role and credential_process, container and instance roles). Resolved once, at the first
    /// signed call, so calls that need none (InitiateAuth) never touch the chain. Refreshing
    /// credentials (SSO, assume-role) refresh themselves on every <see cref="GetAsync"/>.
    /// </summary>
    internal sealed class AwsCredentialSource
    {
        private readonly string? _profileName;
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private AWSCredentials? _credentials;

        internal AwsCredentialSource(string? profileName)
        {
            _profileName = profileName;
        }

        /// <summary>For tests: fixed credentials instead of the chain.</summary>
        internal AwsCredentialSource(AWSCredentials credentials)
        {
            _credentials = credentials;
        }

        internal async Task<ImmutableCredentials> GetAsync(CancellationToken cancellationToken)
        {
            AWSCredentials credentials = await ResolveOnceAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // Refreshing credentials may call STS or SSO here; the SDK offers no cancellation for that.
                return await CancellableWait.WaitAsync(credentials.GetCredentialsAsync(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                throw Failure("the credentials could not be obtained or refreshed", ex);
            }
        }

        private async Task<AWSCredentials> ResolveOnceAsync(CancellationToken cancellationToken)
        {
            if (_credentials != null)
            {
                return _credentials;
            }

            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (_credentials == null)
                {
                    // The chain may probe the instance metadata service: keep it off the caller's thread
                    // and let the caller walk away from it when cancelled.
                    _credentials = await CancellableWait.WaitAsync(Task.Run(Resolve), cancellationToken).ConfigureAwait(false);
                }

                return _credentials;
            }
            finally
            {
                _gate.Release();
            }
        }

        private AWSCredentials Resolve()
        {
            try
            {
                if (_profileName != null)
                {
                    if (AwsProfileStore.Open().TryGetAWSCredentials(_profileName, out AWSCredentials profileCredentials))
                    {
                        return profileCredentials;
                    }

                    throw new CognitoCredentialsException(
                        $"The AWS profile '{_profileName}' was not found in the shared config or credentials files " +
                        "(AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, ~/.aws).",
                        null) { ProfileName = _profileName };
                }

                return DefaultAWSCredentialsIdentityResolver.GetCredentials();
            }
            catch (CognitoCredentialsException)
            {
                throw;
            }
            catch (Exception ex)
            {
                throw Failure("no credentials were found", ex);
            }
        }

        private CognitoCredentialsException Failure(string what, Exception inner)
        {
            string source = _profileName == null
                ? "the default AWS credential chain (environment variables, AWS_PROFILE or the default profile, SSO, container or instance role)"
                : $"the AWS profile '{_profileName}'";

            // The SDK's own message says which providers were tried and why each failed (no key material), over
            // several lines with a stack of "Exception n of m"; it is said once, as one line per provider.
            return new CognitoCredentialsException(
                $"AWS credentials could not be resolved from {source}: {what}. {SummarizeSdkMessage(inner)}",
                inner) { ProfileName = _profileName };
        }

        /// <summary>"Failed to resolve ... Exception 1 of 4: A. Exception 2 of 4: B." becomes "Tried: A; B." (each said once).</summary>
        internal static string SummarizeSdkMessage(Exception exception)
        {
            string text = System.Text.RegularExpressions.Regex.Replace(exception.Message ?? string.Empty, @"\s+", " ").Trim();
            string[] parts = System.Text.RegularExpressions.Regex.Split(text, @"Exception \d+ of \d+:\s*");
            if (parts.Length <= 1)
            {
                return Text.ConsoleText.Escape(text, 600);
            }

            var reasons = new List<string>();
            for (int i = 1; i < parts.Length; i++)
            {
                string reason = parts[i].Trim().TrimEnd('.');
                if (reason.Length > 0 && !reasons.Contains(reason))
                {
                    reasons.Add(reason);
                }
            }

            return Text.ConsoleText.Escape("Tried: " + string.Join("; ", reasons) + ".", 1000);
        }
    }
}
