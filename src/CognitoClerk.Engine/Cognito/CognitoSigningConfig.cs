using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// The minimum client configuration AWS4Signer reads: the signing name (cognito-idp) and region.
    /// Nothing here is used to send requests; HttpClient does that.
    /// </summary>
    internal sealed class CognitoSigningConfig : ClientConfig
    {
        internal const string SigningName = "cognito-idp";

        internal CognitoSigningConfig(string region, string serviceUrl)
            : base(new DefaultConfigurationProvider(new IDefaultConfiguration[]
            {
                new DefaultConfiguration { Name = DefaultConfigurationMode.Standard, RetryMode = RequestRetryMode.Standard },
            }))
        {
            AuthenticationServiceName = SigningName;
            AuthenticationRegion = region;
            ServiceURL = serviceUrl;
        }

        public override string RegionEndpointServiceName => SigningName;

        public override string ServiceVersion => "2016-04-18";

        public override string UserAgent => CognitoIdentityProviderClient.UserAgent;

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters) =>
            new Endpoint(ServiceURL);
    }
}
