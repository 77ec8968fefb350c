using System;
using System.Management.Automation;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// The conversion settings cannot convert any user (no client ID, a malformed pool ID): the cmdlet
    /// passes <see cref="ErrorRecord"/> to ThrowTerminatingError, once, before the first user.
    /// </summary>
    internal sealed class DigestSetupException : Exception, IContainsErrorRecord
    {
        internal DigestSetupException(ErrorRecord errorRecord)
            : base(errorRecord.Exception.Message, errorRecord.Exception)
        {
            ErrorRecord = errorRecord;
        }

        public ErrorRecord ErrorRecord { get; }
    }
}
