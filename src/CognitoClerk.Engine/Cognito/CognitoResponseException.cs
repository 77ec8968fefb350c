using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Cognito (or whatever answered in its place) sent something that is not one of its answers: a body that
    /// is not JSON, a page whose Users is not a list, a redirect, an answer larger than any real one. Unlike
    /// <see cref="CognitoTransportException"/> the endpoint was reached; asking again will not change what
    /// it is, so a caller should look at the endpoint, not the network.
    /// </summary>
    public sealed class CognitoResponseException : Exception
    {
        public CognitoResponseException(string operation, Uri endpoint, string reason, Exception? innerException = null)
            : base($"Cognito {operation} at {endpoint.GetLeftPart(UriPartial.Authority)} answered with something that is not Cognito's answer: {reason}", innerException)
        {
            Operation = operation;
            Endpoint = endpoint;
        }

        public string Operation { get; }

        public Uri Endpoint { get; }
    }
}
