using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// SigV4 through AWSSDK.Core's own signer (never a hand-written one). Returns the headers to send:
    /// everything the signer added plus Authorization; the caller sends the exact body that was signed.
    /// </summary>
    internal sealed class CognitoRequestSigner
    {
        private readonly CognitoSigningConfig _config;
        private readonly Uri _endpoint;

        internal CognitoRequestSigner(CognitoConnection connection)
        {
            _endpoint = connection.Endpoint;
            _config = new CognitoSigningConfig(connection.Region, connection.Endpoint.AbsoluteUri);
        }

        internal IDictionary<string, string> Sign(
            IDictionary<string, string> headers, byte[] body, ImmutableCredentials credentials, DateTime? signedAtUtc = null)
        {
            var request = new DefaultRequest(new UnmarshalledRequest(), "CognitoIdentityProvider")
            {
                HttpMethod = "POST",
                Endpoint = _endpoint,
                ResourcePath = _endpoint.AbsolutePath,
                Content = body,
            };

            foreach (KeyValuePair<string, string> header in headers)
            {
                request.Headers[header.Key] = header.Value;
            }

            // The SDK pipeline normally adds the session token; the bare signer does not, and it must be signed.
            if (credentials.UseToken)
            {
                request.Headers["X-Amz-Security-Token"] = credentials.Token;
            }

            var signer = new AWS4Signer();
            AWS4SigningResult result = signedAtUtc.HasValue
                ? signer.SignRequest(request, _config, null, credentials.AccessKey, credentials.SecretKey, signedAtUtc.Value)
                : signer.SignRequest(request, _config, null, credentials.AccessKey, credentials.SecretKey);
            request.Headers["Authorization"] = result.ForAuthorizationHeader;
            return request.Headers;
        }

        /// <summary>The signer wants an AmazonWebServiceRequest; ours are raw JSON, so this carries nothing.</summary>
        private sealed class UnmarshalledRequest : AmazonWebServiceRequest
        {
        }
    }
}
