using System;
using System.Text.Json;

namespace CognitoClerk.Engine.Cognito
{
    /// <summary>
    /// Reads an AWS JSON 1.1 error answer: the type from the x-amzn-ErrorType header, else the body's
    /// <c>__type</c>, else its <c>code</c>; sanitised the way the AWS SDKs do; the message from
    /// <c>message</c> or <c>Message</c>.
    /// </summary>
    internal static class CognitoErrorParser
    {
        /// <param name="redact">Applied to the server's message before it is escaped and shortened.</param>
        internal static CognitoServiceException Parse(string operation, int statusCode, string? errorTypeHeader, byte[] body, Func<string, string>? redact = null)
        {
            string? bodyType = null;
            string? message = null;
            TryReadBody(body, ref bodyType, ref message);

            string? errorType = Sanitize(errorTypeHeader) ?? Sanitize(bodyType);
            if (errorType == null)
            {
                // API Gateway-style throttling answers carry only {"message":"Rate exceeded"}.
                errorType = IsRateExceeded(message) ? CognitoErrorTypes.TooManyRequests
                    : statusCode >= 500 ? CognitoErrorTypes.InternalError
                    : CognitoErrorTypes.Unknown;
            }

            // Whatever answered may not be Cognito: its text is shown escaped and shortened, never raw.
            return new CognitoServiceException(
                operation,
                statusCode,
                Text.ConsoleText.Escape(errorType, 120),
                message == null ? $"HTTP {statusCode} without an error message." : Text.ConsoleText.Escape(redact == null ? message : redact(message), 600));
        }

        /// <summary>
        /// <c>aws.protocoltests#FooError:http://internal.amazon.com/...</c> → <c>FooError</c>:
        /// drop everything from the first ':' then everything up to the last '#'.
        /// </summary>
        internal static string? Sanitize(string? errorType)
        {
            if (string.IsNullOrWhiteSpace(errorType))
            {
                return null;
            }

            string value = errorType!.Trim();
            int colon = value.IndexOf(':');
            if (colon >= 0)
            {
                value = value.Substring(0, colon);
            }

            int hash = value.LastIndexOf('#');
            if (hash >= 0)
            {
                value = value.Substring(hash + 1);
            }

            value = value.Trim();
            return value.Length == 0 ? null : value;
        }

        private static bool IsRateExceeded(string? message) =>
            message != null && message.IndexOf("Rate exceeded", StringComparison.OrdinalIgnoreCase) >= 0;

        private static void TryReadBody(byte[] body, ref string? type, ref string? message)
        {
            if (body.Length == 0)
            {
                return;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return;
                }

                type = ReadString(document.RootElement, "__type") ?? ReadString(document.RootElement, "code");
                message = ReadString(document.RootElement, "message") ?? ReadString(document.RootElement, "Message");
            }
            catch (JsonException)
            {
                // Not JSON (a proxy's HTML page): the status code and header are all there is.
            }
        }

        private static string? ReadString(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
    }
}
