using System;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>One retry about to happen: for verbose output. Holds no request body and no credentials.</summary>
    public sealed class CognitoRetryEvent
    {
        public CognitoRetryEvent(string operation, int attemptNumber, TimeSpan delay, string reason, bool isThrottling = false)
        {
            Operation = operation;
            AttemptNumber = attemptNumber;
            Delay = delay;
            Reason = reason;
            IsThrottling = isThrottling;
        }

        /// <summary>Cognito said "too many requests": routine under a shared quota, unlike an endpoint that fails.</summary>
        public bool IsThrottling { get; }

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
