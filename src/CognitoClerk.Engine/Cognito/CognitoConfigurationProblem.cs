namespace CognitoClerk.Engine.Cognito
{
    /// <summary>Why a Cognito connection could not be set up before any call was made.</summary>
    public enum CognitoConfigurationProblem
    {
        MissingUserPoolId,
        MalformedUserPoolId,
        RegionUnknown,
        InvalidEndpointUrl,
    }
}
