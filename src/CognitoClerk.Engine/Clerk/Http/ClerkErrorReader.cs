using System;
using System.Text;
using System.Text.Json;
using CognitoClerk.Engine.Text;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>Turns an error answer into <see cref="ClerkApiException"/>, whatever its body holds.</summary>
    internal static class ClerkErrorReader
    {
        /// <summary>How much of a body that is not Clerk's JSON goes into the message (a proxy's HTML page, say).</summary>
        private const int BodyExcerptLength = 200;

        public static ClerkApiException ToException(ClerkHttpResult result, ClerkSecretKey secretKey)
        {
            string? code = null;
            string? message = null;
            string? longMessage = null;
            string? paramName = null;
            string? traceId = null;

            if (TryReadErrors(result.Body, out JsonElement root))
            {
                if (root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
                {
                    JsonElement first = errors[0];
                    code = ReadString(first, "code");
                    message = ReadString(first, "message");
                    longMessage = ReadString(first, "long_message");
                    if (first.ValueKind == JsonValueKind.Object && first.TryGetProperty("meta", out JsonElement meta))
                    {
                        paramName = ReadString(meta, "param_name");
                    }
                }

                traceId = ReadString(root, "clerk_trace_id");
            }

            if (string.IsNullOrEmpty(traceId))
            {
                traceId = result.CfRay;
            }

            if (string.IsNullOrEmpty(message) && string.IsNullOrEmpty(longMessage))
            {
                // Redacted before it is shortened: a cut through the key would leave a part no longer matching it.
                message = DescribeUnreadableBody(result, secretKey);
            }

            // Clerk never echoes the key, but a proxy or a future error text might: scrub every text field,
            // and escape control characters so a hostile answer cannot drive the admin's terminal.
            return new ClerkApiException(
                result.StatusCode,
                Scrub(code, secretKey),
                Scrub(message, secretKey) ?? string.Empty,
                Scrub(longMessage, secretKey),
                Scrub(paramName, secretKey),
                Scrub(traceId, secretKey),
                result.IsTooManyRequests ? result.RetryAfter : null);
        }

        private static bool TryReadErrors(string body, out JsonElement root)
        {
            root = default;
            if (string.IsNullOrWhiteSpace(body))
            {
                return false;
            }

            try
            {
                using JsonDocument document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                root = document.RootElement.Clone();
                return true;
            }
            catch (JsonException)
            {
                return false;
            }
        }

        private static string? ReadString(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object
            && element.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        private static string DescribeUnreadableBody(ClerkHttpResult result, ClerkSecretKey secretKey)
        {
            var text = new StringBuilder();
            text.Append(string.IsNullOrEmpty(result.ReasonPhrase) ? "HTTP " + result.StatusCode : secretKey.Redact(result.ReasonPhrase!));
            string excerpt = Excerpt(secretKey.Redact(result.Body ?? string.Empty));
            if (excerpt.Length == 0)
            {
                text.Append(" (empty body)");
            }
            else
            {
                text.Append(" (not a Clerk error body");
                if (!string.IsNullOrEmpty(result.MediaType))
                {
                    text.Append(", ").Append(result.MediaType);
                }

                text.Append("): ").Append(excerpt);
            }

            return text.ToString();
        }

        private static string Excerpt(string body)
        {
            var collapsed = new StringBuilder();
            bool space = false;
            foreach (char c in body ?? string.Empty)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    space = collapsed.Length > 0;
                    continue;
                }

                if (space)
                {
                    collapsed.Append(' ');
                    space = false;
                }

                collapsed.Append(c);
                if (collapsed.Length >= BodyExcerptLength)
                {
                    collapsed.Append('…');
                    break;
                }
            }

            return collapsed.ToString();
        }

        /// <summary>How much of one text field of an error goes into messages.</summary>
        private const int FieldLength = 600;

        private static string? Scrub(string? text, ClerkSecretKey secretKey) =>
            text == null ? null : ConsoleText.Escape(secretKey.Redact(text), FieldLength);
    }
}
