using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Cognito could not be reached or gave no readable answer (connection refused or dropped, DNS,
    /// TLS, attempt timeouts, a cut-off body), after the retries allowed for the operation.
    /// </summary>
    public sealed class CognitoTransportException : Exception
    {
        public CognitoTransportException(string operation, Uri endpoint, string reason, Exception innerException)
            : base($"Cognito {operation} at {endpoint} failed: {reason}", innerException)
        {
            Operation = operation;
            Endpoint = endpoint;
        }

        public string Operation { get; }

        public Uri Endpoint { get; }
    }
}
