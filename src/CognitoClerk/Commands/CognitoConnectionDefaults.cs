using System;
using CognitoClerk.Engine.Cognito;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// Cmdlet parameters plus the environment's defaults, as engine connection settings. Every cmdlet that talks
    /// to Cognito builds its settings here, so -UserPoolId/-Region/-ProfileName/-EndpointUrl mean the same everywhere.
    /// </summary>
    internal static class CognitoConnectionDefaults
    {
        internal static CognitoConnectionSettings Create(
            string? userPoolId, string? region, string? profileName, string? endpointUrl, Action<CognitoRetryEvent>? onRetry = null)
        {
            return new CognitoConnectionSettings
            {
                UserPoolId = string.IsNullOrWhiteSpace(userPoolId) ? EnvironmentDefaults.UserPoolId : userPoolId!.Trim(),
                Region = region,
                DefaultRegion = EnvironmentDefaults.AwsRegion,
                ProfileName = profileName,
                EndpointUrl = string.IsNullOrWhiteSpace(endpointUrl) ? EnvironmentDefaults.CognitoEndpointUrl : endpointUrl,
                OnRetry = onRetry,
            };
        }
    }
}
