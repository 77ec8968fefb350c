using System;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// Clerk gave no answer: the connection failed, dropped, or an attempt timed out, on every one of the
    /// allowed attempts. The message names the URL and the cause, never the key.
    /// </summary>
    public sealed class ClerkConnectionException : Exception
    {
        public ClerkConnectionException(string message, Exception innerException, int attempts, bool mayHaveBeenApplied)
            : base(message, innerException)
        {
            Attempts = attempts;
            MayHaveBeenApplied = mayHaveBeenApplied;
        }

        public int Attempts { get; }

        /// <summary>
        /// True unless every attempt failed before the request could have reached Clerk (connection
        /// refused, host not found). For a create: the user may exist although no answer said so.
        /// </summary>
        public bool MayHaveBeenApplied { get; }

        /// <summary>The last attempt timed out (as opposed to a connection failure).</summary>
        public bool IsTimeout => InnerException is Polly.Timeout.TimeoutRejectedException;
    }
}
