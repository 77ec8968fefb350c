using System;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>An attribute map that cannot be applied to anyone: a parameter error, reported once before the first user.</summary>
    public sealed class AttributeMapException : Exception
    {
        public AttributeMapException(string message)
            : base(message)
        {
        }

        /// <summary><see cref="MigrationErrorIds.AttributeMapInvalid"/>.</summary>
        public string ErrorId => MigrationErrorIds.AttributeMapInvalid;
    }
}
