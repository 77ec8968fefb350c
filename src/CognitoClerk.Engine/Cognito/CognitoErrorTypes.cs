using System;
using System.Collections.Generic;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>The sanitised AWS error codes the module reacts to, and how they are grouped.</summary>
    public static class CognitoErrorTypes
    {
        public const string TooManyRequests = "TooManyRequestsException";
        public const string Throttling = "ThrottlingException";
        public const string InternalError = "InternalErrorException";
        public const string ResourceNotFound = "ResourceNotFoundException";
        public const string NotAuthorized = "NotAuthorizedException";
        public const string UnrecognizedClient = "UnrecognizedClientException";
        public const string InvalidSignature = "InvalidSignatureException";
        public const string ExpiredToken = "ExpiredTokenException";
        public const string AccessDenied = "AccessDeniedException";
        public const string InvalidParameter = "InvalidParameterException";
        public const string UserNotFound = "UserNotFoundException";
        public const string UserNotConfirmed = "UserNotConfirmedException";
        public const string PasswordResetRequired = "PasswordResetRequiredException";

        /// <summary>cognito-local's answer to a wrong password (real Cognito says NotAuthorizedException).</summary>
        public const string InvalidPassword = "InvalidPasswordException";

        /// <summary>Used when an error answer names no type at all (an HTML page from a proxy, an empty body).</summary>
        public const string Unknown = "UnknownError";

        private static readonly HashSet<string> ThrottlingTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            TooManyRequests, Throttling, "RequestLimitExceeded", "ThrottledException", "SlowDown",
        };

        // AWS does not know or trust the caller's identity: keys unknown, signature wrong, session expired.
        private static readonly HashSet<string> CredentialRejectionTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            UnrecognizedClient, InvalidSignature, ExpiredToken,
            "InvalidClientTokenId", "MissingAuthenticationToken", "MissingAuthenticationTokenException",
            "SignatureDoesNotMatch", "IncompleteSignature", "IncompleteSignatureException", "RequestExpired",
        };

        // The identity is known but its IAM policy does not allow the action.
        private static readonly HashSet<string> PermissionDenialTypes = new HashSet<string>(StringComparer.Ordinal)
        {
            AccessDenied, NotAuthorized,
        };

        public static bool IsThrottling(string? errorType) => errorType != null && ThrottlingTypes.Contains(errorType);

        public static bool IsCredentialRejection(string? errorType) => errorType != null && CredentialRejectionTypes.Contains(errorType);

        public static bool IsPermissionDenial(string? errorType) => errorType != null && PermissionDenialTypes.Contains(errorType);

        public static bool IsAccessFailure(string? errorType) => IsCredentialRejection(errorType) || IsPermissionDenial(errorType);
    }
}
