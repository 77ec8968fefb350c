using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// No AWS credentials could be resolved (no environment keys, no usable profile, an expired SSO
    /// session, a failed assume-role...). Raised at the first signed call; never carries key material.
    /// </summary>
    public sealed class CognitoCredentialsException : Exception
    {
        public CognitoCredentialsException(string message, Exception? innerException)
            : base(message, innerException)
        {
        }

        /// <summary>The profile that was asked for, or null for the default credential chain.</summary>
        public string? ProfileName { get; set; }
    }
}
