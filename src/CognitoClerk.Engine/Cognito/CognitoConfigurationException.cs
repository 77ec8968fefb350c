using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// The connection settings are unusable (no or malformed pool ID, no region, bad endpoint URL).
    /// Raised before any network call, so a caller can report it once, as a setup error.
    /// </summary>
    public sealed class CognitoConfigurationException : Exception
    {
        public CognitoConfigurationException(CognitoConfigurationProblem problem, string message)
            : base(message)
        {
            Problem = problem;
        }

        public CognitoConfigurationProblem Problem { get; }
    }
}
