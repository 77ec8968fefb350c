using System;
using System.Management.Automation;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Engine failures of the Cognito client as ErrorRecords with stable ErrorIds, shared by every cmdlet
    /// that talks to Cognito. Messages come from the engine, which never puts a secret in them.
    /// </summary>
    internal static class CognitoErrorRecords
    {
        internal const string UserPoolIdMissing = "UserPoolIdMissing";
        internal const string UserPoolIdMalformed = "UserPoolIdMalformed";
        internal const string RegionUnknown = "CognitoRegionUnknown";
        internal const string EndpointUrlInvalid = "CognitoEndpointUrlInvalid";
        internal const string CredentialsNotFound = "AwsCredentialsNotFound";
        internal const string CredentialsRejected = "AwsCredentialsRejected";
        internal const string AccessDenied = "CognitoAccessDenied";
        internal const string UserPoolNotFound = "CognitoUserPoolNotFound";
        internal const string Throttled = "CognitoThrottled";
        internal const string InvalidRequest = "CognitoInvalidRequest";
        internal const string ServiceError = "CognitoServiceError";
        internal const string Unreachable = "CognitoUnreachable";
        internal const string PaginationLoop = "CognitoPaginationLoop";

        internal static ErrorRecord FromConfiguration(CognitoConfigurationException ex, object? target)
        {
            string id = ex.Problem switch
            {
                CognitoConfigurationProblem.MissingUserPoolId => UserPoolIdMissing,
                CognitoConfigurationProblem.MalformedUserPoolId => UserPoolIdMalformed,
                CognitoConfigurationProblem.RegionUnknown => RegionUnknown,
                CognitoConfigurationProblem.InvalidEndpointUrl => EndpointUrlInvalid,
                _ => UserPoolIdMalformed,
            };
            return new ErrorRecord(ex, id, ErrorCategory.InvalidArgument, target);
        }

        internal static ErrorRecord FromCredentials(CognitoCredentialsException ex, object? target)
        {
            var record = new ErrorRecord(ex, CredentialsNotFound, ErrorCategory.AuthenticationError, target);
            record.ErrorDetails = new ErrorDetails(ex.Message)
            {
                RecommendedAction = "Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or pass -ProfileName (run 'aws sso login' for an SSO profile).",
            };
            return record;
        }

        internal static ErrorRecord FromService(CognitoServiceException ex, object? target)
        {
            if (ex.IsResourceNotFound)
            {
                var notFound = new ErrorRecord(ex, UserPoolNotFound, ErrorCategory.ObjectNotFound, target);
                notFound.ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "Check the pool ID and the region (-Region, or the pool ID's prefix) and that the credentials belong to the pool's account.",
                };
                return notFound;
            }

            if (ex.IsCredentialRejection)
            {
                var rejected = new ErrorRecord(ex, CredentialsRejected, ErrorCategory.AuthenticationError, target);
                rejected.ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "The AWS credentials are unknown, expired or for another partition: refresh them (aws sso login, new session keys) and retry.",
                };
                return rejected;
            }

            if (ex.IsPermissionDenial)
            {
                var denied = new ErrorRecord(ex, AccessDenied, ErrorCategory.PermissionDenied, target);
                denied.ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = $"Allow cognito-idp:{ex.Operation} on the user pool for these credentials (AmazonCognitoReadOnly covers it).",
                };
                return denied;
            }

            if (ex.IsThrottling)
            {
                return new ErrorRecord(ex, Throttled, ErrorCategory.LimitsExceeded, target);
            }

            if (ex.ErrorType == CognitoErrorTypes.InvalidParameter)
            {
                return new ErrorRecord(ex, InvalidRequest, ErrorCategory.InvalidArgument, target);
            }

            return new ErrorRecord(ex, ServiceError, ErrorCategory.InvalidResult, target);
        }

        internal static ErrorRecord FromTransport(CognitoTransportException ex, object? target) =>
            new ErrorRecord(ex, Unreachable, ErrorCategory.ConnectionError, target);

        /// <summary>Any engine failure of a Cognito call; null when the exception is not one of the engine's.</summary>
        internal static ErrorRecord? From(Exception ex, object? target) => ex switch
        {
            CognitoConfigurationException configuration => FromConfiguration(configuration, target),
            CognitoCredentialsException credentials => FromCredentials(credentials, target),
            CognitoServiceException service => FromService(service, target),
            CognitoTransportException transport => FromTransport(transport, target),
            CognitoPaginationException pagination => new ErrorRecord(pagination, PaginationLoop, ErrorCategory.InvalidResult, target),
            _ => null,
        };
    }
}
