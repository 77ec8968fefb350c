using System.Management.Automation;
using CognitoClerk.Engine.Readiness;
using CognitoClerk.Engine.Validation;

namespace CognitoClerk.Conversion
{
    /// <summary>One user to validate read from the input, or the error that says why it cannot be.</summary>
    internal sealed class ValidationTarget
    {
        private ValidationTarget(MigratedUserTarget? target, ErrorRecord? error, bool isSetupError, string? warning)
        {
            Target = target;
            Error = error;
            IsSetupError = isSetupError;
            Warning = warning;
        }

        internal MigratedUserTarget? Target { get; }

        internal ErrorRecord? Error { get; }

        /// <summary>The same for every input (no client ID anywhere): terminate once instead.</summary>
        internal bool IsSetupError { get; }

        /// <summary>Something the admin should know about how the target was read (a parameter the digest overrides).</summary>
        internal string? Warning { get; }

        internal static ValidationTarget Of(MigratedUserTarget target, string? warning = null) => new ValidationTarget(target, null, false, warning);

        internal static ValidationTarget Failed(ErrorRecord error, bool isSetupError) => new ValidationTarget(null, error, isSetupError, null);
    }
}
