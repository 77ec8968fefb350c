using System;
using Amazon.Runtime.CredentialManagement;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// AWSSDK.Core's profile store, pointed at the credentials file AWS_SHARED_CREDENTIALS_FILE names right now.
    /// The SDK reads that variable once per process and keeps the answer, which in a long-lived PowerShell
    /// session would silently ignore an admin's later <c>$env:AWS_SHARED_CREDENTIALS_FILE = ...</c>.
    /// </summary>
    internal static class AwsProfileStore
    {
        internal static CredentialProfileStoreChain Open()
        {
            string? credentialsFile = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");
            return string.IsNullOrWhiteSpace(credentialsFile)
                ? new CredentialProfileStoreChain()
                : new CredentialProfileStoreChain(credentialsFile!.Trim());
        }
    }
}
