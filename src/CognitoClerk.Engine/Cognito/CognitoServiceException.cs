using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// An error answer from the Cognito API. <see cref="ErrorType"/> is the sanitised AWS error code
    /// (ResourceNotFoundException, NotAuthorizedException, TooManyRequestsException, ...).
    /// </summary>
    public sealed class CognitoServiceException : Exception
    {
        public CognitoServiceException(string operation, int statusCode, string errorType, string message)
            : base($"Cognito {operation} failed: {errorType}: {message}")
        {
            Operation = operation;
            StatusCode = statusCode;
            ErrorType = errorType;
            ServiceMessage = message;
        }

        public string Operation { get; }

        public int StatusCode { get; }

        public string ErrorType { get; }

        public string ServiceMessage { get; }

        /// <summary>Cognito refused the call for its rate: worth retrying later.</summary>
        public bool IsThrottling => CognitoErrorTypes.IsThrottling(ErrorType);

        /// <summary>A 5xx answer: Cognito failed, not the request.</summary>
        public bool IsServerError => StatusCode >= 500 || ErrorType == CognitoErrorTypes.InternalError;

        /// <summary>The pool (or app client) does not exist in this account and region.</summary>
        public bool IsResourceNotFound => ErrorType == CognitoErrorTypes.ResourceNotFound;

        /// <summary>
        /// The credentials were rejected or lack permission (UnrecognizedClient, InvalidSignature,
        /// ExpiredToken, AccessDenied, NotAuthorized on a signed call).
        /// </summary>
        public bool IsAccessFailure => CognitoErrorTypes.IsAccessFailure(ErrorType);

        /// <summary>AWS does not accept the credentials (UnrecognizedClient, InvalidSignature, ExpiredToken, ...).</summary>
        public bool IsCredentialRejection => CognitoErrorTypes.IsCredentialRejection(ErrorType);

        /// <summary>The credentials are valid but not allowed this action (AccessDenied, NotAuthorized on a signed call).</summary>
        public bool IsPermissionDenial => CognitoErrorTypes.IsPermissionDenial(ErrorType);

        /// <summary>No later call can succeed either: a caller should stop once instead of failing per item.</summary>
        public bool IsSetupFailure => IsResourceNotFound || IsAccessFailure;
    }
}
