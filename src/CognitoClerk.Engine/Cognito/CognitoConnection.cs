using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>Resolved connection settings: the pool, the signing region, the endpoint and the profile.</summary>
    public sealed class CognitoConnection
    {
        public CognitoConnection(string userPoolId, string region, Uri endpoint, string? profileName)
        {
            UserPoolId = userPoolId;
            Region = region;
            Endpoint = endpoint;
            ProfileName = profileName;
        }

        public string UserPoolId { get; }

        public string Region { get; }

        public Uri Endpoint { get; }

        public string? ProfileName { get; }
    }
}
