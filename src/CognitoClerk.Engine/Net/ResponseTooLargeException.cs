using System;

namespace CognitoClerk.Engine.Net
{
    /// <summary>
    /// An answer's body is larger than the bound set for that kind of answer. Nothing past the bound was
    /// read: a hostile or broken server cannot make the process buffer gigabytes.
    /// </summary>
    public sealed class ResponseTooLargeException : Exception
    {
        public ResponseTooLargeException(long limitBytes, long? declaredBytes)
            : base(FormatMessage(limitBytes, declaredBytes))
        {
            LimitBytes = limitBytes;
            DeclaredBytes = declaredBytes;
        }

        /// <summary>The bound that was exceeded.</summary>
        public long LimitBytes { get; }

        /// <summary>The Content-Length the server announced, when it announced one.</summary>
        public long? DeclaredBytes { get; }

        /// <summary>"1 MiB", "16 MiB", "512 KiB": how the bound is said in messages and docs.</summary>
        public static string Describe(long bytes) =>
            bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
            : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB"
            : $"{bytes} bytes";

        private static string FormatMessage(long limitBytes, long? declaredBytes) =>
            declaredBytes.HasValue
                ? $"the answer announced {declaredBytes.Value} bytes, more than the {Describe(limitBytes)} this module reads of such an answer; it was not read"
                : $"the answer is larger than the {Describe(limitBytes)} this module reads of such an answer; reading stopped there";
    }
}
