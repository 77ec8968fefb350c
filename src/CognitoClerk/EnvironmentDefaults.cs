using System;

namespace CognitoClerk
{
    /// <summary>
    /// The environment variables the cmdlets fall back to, named as Clerk's Cognito guide and the AWS
    /// SDKs name them, so an admin's existing shell set-up just works.
    /// </summary>
    internal static class EnvironmentDefaults
    {
        internal const string UserPoolIdVariable = "COGNITO_USER_POOL_ID";
        internal const string ClientIdVariable = "COGNITO_CLIENT_ID";
        internal const string ClerkSecretKeyVariable = "CLERK_SECRET_KEY";
        internal const string ClerkApiUrlVariable = "CLERK_API_URL";
        internal const string AwsRegionVariable = "AWS_REGION";
        internal const string CognitoEndpointVariable = "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER";
        internal const string AwsEndpointVariable = "AWS_ENDPOINT_URL";

        internal static string? UserPoolId => Read(UserPoolIdVariable);

        internal static string? ClientId => Read(ClientIdVariable);

        internal static string? ClerkSecretKey => Read(ClerkSecretKeyVariable);

        internal static string? ClerkApiUrl => Read(ClerkApiUrlVariable);

        internal static string? AwsRegion => Read(AwsRegionVariable);

        /// <summary>The service-specific endpoint first, then the global one, as the AWS SDKs resolve them.</summary>
        internal static string? CognitoEndpointUrl => Read(CognitoEndpointVariable) ?? Read(AwsEndpointVariable);

        private static string? Read(string name)
        {
            string? value = Environment.GetEnvironmentVariable(name);
            return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
        }
    }
}
