using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Inside the client: an answer parsed as JSON but not in the operation's shape. Not a JsonException on
    /// purpose, so it is never retried; the client reports it as a <see cref="CognitoResponseException"/>.
    /// </summary>
    internal sealed class CognitoAnswerShapeException : Exception
    {
        public CognitoAnswerShapeException(string message)
            : base(message)
        {
        }
    }
}
