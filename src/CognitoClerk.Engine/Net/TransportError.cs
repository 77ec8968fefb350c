using System;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Net
{
    /// <summary>
    /// What went wrong on the wire, in one short safe line: HttpRequestException says only "An error occurred
    /// while sending the request"; the cause (connection refused, name not resolved, TLS) is the innermost one.
    /// </summary>
    internal static class TransportError
    {
        /// <param name="redact">Applied to the whole message before it is shortened (a cut can hide a secret from a later redaction).</param>
        public static string Describe(Exception exception, int maxLength = 300, Func<string, string>? redact = null)
        {
            Exception innermost = exception;
            while (innermost.InnerException != null)
            {
                innermost = innermost.InnerException;
            }

            string message = redact == null ? innermost.Message : redact(innermost.Message);
            return ConsoleText.Escape(message, maxLength);
        }
    }
}
