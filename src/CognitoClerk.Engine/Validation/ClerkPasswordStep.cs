namespace CognitoClerk.Engine.Validation
{
    /// <summary>The Clerk step of a one-user validation. Never holds the password.</summary>
    public sealed class ClerkPasswordStep
    {
        public ClerkPasswordStep(ClerkPasswordStatus status, string? clerkUserId, string detail, string? errorCode = null, string? traceId = null)
        {
            Status = status;
            ClerkUserId = clerkUserId;
            Detail = detail;
            ErrorCode = errorCode;
            TraceId = traceId;
        }

        public ClerkPasswordStatus Status { get; }

        public string? ClerkUserId { get; }

        public string Detail { get; }

        /// <summary>Clerk's error code, when Clerk answered with one.</summary>
        public string? ErrorCode { get; }

        public string? TraceId { get; }

        public static ClerkPasswordStep NotRun(string reason) => new ClerkPasswordStep(ClerkPasswordStatus.NotRun, null, reason);
    }
}
