using System;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>The value given as the Clerk secret key is a kind of key that cannot be one (a publishable key). Never holds the value.</summary>
    public sealed class ClerkSecretKeyException : ArgumentException
    {
        public ClerkSecretKeyException(string message)
            : base(message)
        {
        }
    }
}
