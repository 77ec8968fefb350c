using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>One retry about to happen: for verbose output. Holds no request body and no credentials.</summary>
    public sealed class CognitoRetryEvent
    {
        public CognitoRetryEvent(string operation, int attemptNumber, TimeSpan delay, string reason)
        {
            Operation = operation;
            AttemptNumber = attemptNumber;
            Delay = delay;
            Reason = reason;
        }

        public string Operation { get; }

        /// <summary>1 for the first retry.</summary>
        public int AttemptNumber { get; }

        public TimeSpan Delay { get; }

        /// <summary>The error type or transport failure that caused the retry.</summary>
        public string Reason { get; }

        public override string ToString() =>
            $"Cognito {Operation}: {Reason}; retry {AttemptNumber} in {Delay.TotalSeconds:0.0} s.";
    }
}
