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
    }
}
