using System;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// The Polly pipelines every Cognito call runs through: a per-attempt timeout inside a bounded,
    /// jittered exponential retry. Another 4xx is never retried: asking again cannot change the answer.
    /// </summary>
    internal static class CognitoRetryPipelines
    {
        /// <summary>
        /// For reads (ListUsers, Describe*): throttling, 5xx, transport failures, attempt timeouts and a
        /// cut-off body are retried. Repeating a read is harmless, and ListUsers re-sends the same token.
        /// </summary>
        internal static ResiliencePipeline ForReads(CognitoConnectionSettings settings) =>
            Build(settings, retryTransportFailures: true);

        /// <summary>
        /// For InitiateAuth: only throttling, which Cognito answers before looking at the password. A lost
        /// answer or a 5xx may have counted as a sign-in attempt, and repeating it could push the user
        /// towards Cognito's lockout, so those are reported instead.
        /// </summary>
        internal static ResiliencePipeline ForSignIn(CognitoConnectionSettings settings) =>
            Build(settings, retryTransportFailures: false);

        private static ResiliencePipeline Build(CognitoConnectionSettings settings, bool retryTransportFailures)
        {
            CognitoRetryOptions retry = settings.Retry ?? new CognitoRetryOptions();
            Action<CognitoRetryEvent>? onRetry = settings.OnRetry;

            var builder = new ResiliencePipelineBuilder();
            if (retry.MaxRetryAttempts > 0)
            {
                builder.AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = retry.MaxRetryAttempts,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = retry.BaseDelay,
                    MaxDelay = retry.MaxDelay,
                    ShouldHandle = args => new ValueTask<bool>(
                        IsRetryable(args.Outcome.Exception, retryTransportFailures)
                        && !args.Context.CancellationToken.IsCancellationRequested),
                    OnRetry = args =>
                    {
                        onRetry?.Invoke(new CognitoRetryEvent(
                            args.Context.OperationKey ?? "call",
                            args.AttemptNumber + 1,
                            args.RetryDelay,
                            Describe(args.Outcome.Exception),
                            args.Outcome.Exception is CognitoServiceException service && service.IsThrottling));
                        return default;
                    },
                });
            }

            if (settings.AttemptTimeout > TimeSpan.Zero)
            {
                builder.AddTimeout(settings.AttemptTimeout);
            }

            return builder.Build();
        }

        private static bool IsRetryable(Exception? exception, bool retryTransportFailures)
        {
            switch (exception)
            {
                case CognitoServiceException service:
                    return service.IsThrottling || (retryTransportFailures && service.IsServerError);
                case HttpRequestException _:
                case TimeoutRejectedException _:
                case JsonException _:
                    return retryTransportFailures;
                default:
                    return false;
            }
        }

        private static string Describe(Exception? exception) => exception switch
        {
            CognitoServiceException service => $"{service.ErrorType} (HTTP {service.StatusCode})",
            TimeoutRejectedException _ => "no answer within the attempt timeout",
            HttpRequestException transport => "no answer: " + Net.TransportError.Describe(transport),
            JsonException _ => "an unreadable answer",
            null => "unknown",
            _ => exception.GetType().Name,
        };
    }
}
