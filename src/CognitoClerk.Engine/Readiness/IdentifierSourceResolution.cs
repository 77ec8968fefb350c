using CognitoClerk.Engine.Migration;

namespace CognitoClerk.Engine.Readiness
{
    /// <summary>The identifier source to use, and why (for Write-Verbose and the readiness report).</summary>
    public sealed class IdentifierSourceResolution
    {
        public IdentifierSourceResolution(IdentifierSource source, bool wasAuto, string reason)
        {
            Source = source;
            WasAuto = wasAuto;
            Reason = reason;
        }

        /// <summary>Never <see cref="IdentifierSource.Auto"/>.</summary>
        public IdentifierSource Source { get; }

        public bool WasAuto { get; }

        public string Reason { get; }
    }
}
