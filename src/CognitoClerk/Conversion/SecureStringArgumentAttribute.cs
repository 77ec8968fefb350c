using System;
using System.Management.Automation;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// On a SecureString parameter (-SecretKey, -Password): text such as <c>-SecretKey $env:CLERK_SECRET_KEY</c> gets an
    /// error that says what to pass instead, where the binder only said it cannot convert a String. The text itself is
    /// never repeated in the message: it is a secret.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class SecureStringArgumentAttribute : ArgumentTransformationAttribute
    {
        public SecureStringArgumentAttribute(string hint) => Hint = hint;

        /// <summary>The ways to pass the secret, for the message.</summary>
        public string Hint { get; }

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value is string)
            {
                throw new ArgumentTransformationMetadataException("It takes a SecureString, not text (the text is not shown here). " + Hint);
            }

            return inputData;
        }
    }
}
