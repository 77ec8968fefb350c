using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Net
{
    /// <summary>
    /// Reads a response body up to a bound. Both clients ask for headers only and read the body here, so a
    /// server that answers with hundreds of megabytes (or an endless stream) costs at most the bound, and the
    /// caller's token (the attempt's timeout) covers the body as well as the headers.
    /// </summary>
    internal static class BoundedResponseBody
    {
        private const int ChunkBytes = 16 * 1024;

        /// <exception cref="ResponseTooLargeException">Content-Length, or the bytes actually sent, exceed <paramref name="maxBytes"/>.</exception>
        public static async Task<byte[]> ReadAsync(HttpContent? content, long maxBytes, CancellationToken cancellationToken)
        {
            if (content == null)
            {
                return Array.Empty<byte>();
            }

            long? declared = content.Headers.ContentLength;
            if (declared.HasValue && declared.Value > maxBytes)
            {
                throw new ResponseTooLargeException(maxBytes, declared);
            }

            using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            using var buffer = new MemoryStream(declared.HasValue ? (int)declared.Value : ChunkBytes);
            byte[] chunk = new byte[ChunkBytes];
            while (true)
            {
                int read = await stream.ReadAsync(chunk, 0, chunk.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.ToArray();
                }

                if (buffer.Length + read > maxBytes)
                {
                    throw new ResponseTooLargeException(maxBytes, declared);
                }

                buffer.Write(chunk, 0, read);
            }
        }
    }
}
