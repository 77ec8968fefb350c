using System;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// An error answer from the Clerk Backend API, with the first error of the ClerkErrors body.
    /// The message never contains the secret key or a password.
    /// </summary>
    public sealed class ClerkApiException : Exception
    {
        public ClerkApiException(int statusCode, string? code, string message, string? longMessage, string? paramName, string? traceId, TimeSpan? retryAfter = null)
            : base(FormatMessage(statusCode, code, message, longMessage, traceId))
        {
            StatusCode = statusCode;
            Code = code;
            ServiceMessage = message;
            LongMessage = longMessage;
            ParamName = paramName;
            TraceId = traceId;
            RetryAfter = retryAfter;
        }

        public int StatusCode { get; }

        /// <summary>Clerk's error code, e.g. form_identifier_exists.</summary>
        public string? Code { get; }

        public string ServiceMessage { get; }

        public string? LongMessage { get; }

        /// <summary>meta.param_name: which field an error is about (email_address, external_id, ...).</summary>
        public string? ParamName { get; }

        /// <summary>clerk_trace_id from the body, or the CF-Ray header.</summary>
        public string? TraceId { get; }

        public TimeSpan? RetryAfter { get; }

        /// <summary>How many times the request was sent before this answer (1 when it was not retried).</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>
        /// True when an earlier attempt of the same request failed in a way that does not prove Clerk
        /// ignored it (a 5xx, a dropped connection, a timeout). For POST /v1/users this is the case to
        /// look at twice: a 422 form_identifier_exists after such a retry may mean the first attempt
        /// created the user and only its answer was lost; look the user up by external_id to tell.
        /// </summary>
        public bool PriorAttemptMayHaveBeenApplied { get; internal set; }

        /// <summary>401 or 403 other than a user quota: the key is wrong or lacks rights; every later call would fail too.</summary>
        public bool IsAuthenticationFailure =>
            StatusCode == 401 || (StatusCode == 403 && !string.Equals(Code, "user_quota_exceeded", StringComparison.Ordinal));

        private static string FormatMessage(int statusCode, string? code, string message, string? longMessage, string? traceId)
        {
            string text = $"Clerk answered {statusCode}";
            if (!string.IsNullOrEmpty(code))
            {
                text += $" {code}";
            }

            text += ": " + (string.IsNullOrEmpty(longMessage) ? message : longMessage);
            if (!string.IsNullOrEmpty(traceId))
            {
                text += $" (clerk_trace_id {traceId})";
            }

            return text;
        }
    }
}
