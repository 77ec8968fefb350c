using System;
using System.Text;
using System.Text.Json;

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
                message = DescribeUnreadableBody(result);
            }

            // Clerk never echoes the key, but a proxy or a future error text might: scrub every text field.
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

        private static string DescribeUnreadableBody(ClerkHttpResult result)
        {
            var text = new StringBuilder();
            text.Append(string.IsNullOrEmpty(result.ReasonPhrase) ? "HTTP " + result.StatusCode : result.ReasonPhrase);
            string excerpt = Excerpt(result.Body);
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

        private static string? Scrub(string? text, ClerkSecretKey secretKey) => text == null ? null : secretKey.Redact(text);
    }
}
