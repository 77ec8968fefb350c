using System;
using System.Buffers;
using System.Text;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// One Clerk answer, read to the end inside the attempt's timeout, so that retries never juggle
    /// undisposed responses and a slow body counts as a slow attempt. The body stays as UTF-8 in a pooled
    /// buffer: a page of 500 users is over a megabyte, and reading every page into a fresh string (and
    /// HttpClient's own buffer) put both on the large-object heap, where a status run of 100,000 users left
    /// tens of megabytes of garbage. <see cref="ReleaseBody"/> hands the buffer back once the body is read.
    /// </summary>
    internal sealed class ClerkHttpResult
    {
        private readonly ArrayPool<byte>? _pool;
        private byte[]? _buffer;
        private readonly int _start;
        private readonly int _length;
        private string? _text;

        public ClerkHttpResult(int statusCode, string? reasonPhrase, string body, string? mediaType, string? cfRay, TimeSpan? retryAfter)
            : this(statusCode, reasonPhrase, Encoding.UTF8.GetBytes(body), -1, null, mediaType, cfRay, retryAfter)
        {
            _text = body;
        }

        /// <param name="length">How much of <paramref name="buffer"/> is the body; -1 for all of it.</param>
        /// <param name="pool">Where <paramref name="buffer"/> goes back to, or null when it was not rented.</param>
        public ClerkHttpResult(int statusCode, string? reasonPhrase, byte[] buffer, int length, ArrayPool<byte>? pool, string? mediaType, string? cfRay, TimeSpan? retryAfter)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            _buffer = buffer;
            int end = length < 0 ? buffer.Length : length;

            // A BOM is not JSON; Clerk sends none, but a proxy might.
            _start = end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
            _length = end - _start;
            _pool = pool;
            MediaType = mediaType;
            CfRay = cfRay;
            RetryAfter = retryAfter;
        }

        public int StatusCode { get; }

        public string? ReasonPhrase { get; }

        /// <summary>The body as UTF-8; empty once released.</summary>
        public ReadOnlySpan<byte> Utf8Body => _buffer == null ? ReadOnlySpan<byte>.Empty : new ReadOnlySpan<byte>(_buffer, _start, _length);

        /// <summary>The body as text, decoded on first use (error answers; success bodies are read as UTF-8).</summary>
        public string Body => _text ??= _buffer == null ? string.Empty : Encoding.UTF8.GetString(_buffer, _start, _length);

        public string? MediaType { get; }

        /// <summary>Cloudflare's request id: the trace id when the body has none.</summary>
        public string? CfRay { get; }

        /// <summary>Parsed Retry-After of a 429 (the default when absent).</summary>
        public TimeSpan? RetryAfter { get; }

        public bool IsSuccess => StatusCode >= 200 && StatusCode <= 299;

        public bool IsServerError => StatusCode >= 500 && StatusCode <= 599;

        public bool IsTooManyRequests => StatusCode == 429;

        /// <summary>The body has been read: its buffer goes back to the pool (a result a retry discards is simply collected).</summary>
        public void ReleaseBody()
        {
            byte[]? buffer = _buffer;
            _buffer = null;
            if (buffer != null && buffer.Length > 0 && _pool != null)
            {
                _pool.Return(buffer);
            }
        }
    }
}
