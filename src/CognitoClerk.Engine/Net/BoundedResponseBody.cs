using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Net
{
    /// <summary>
    /// Reads a response body up to a bound. Both clients ask for headers only and read the body here, so a
    /// server that answers with hundreds of megabytes (or an endless stream) costs at most the bound, and the
    /// caller's token (the attempt's timeout) covers the body as well as the headers. The body goes into a
    /// buffer rented from a pool of its own (up to 16 MB a buffer, so a page of 500 Clerk users is pooled on
    /// .NET Framework too, whose shared pool stops at 1 MB): reading every large answer into fresh arrays put
    /// them on the large-object heap, which a status run of 100,000 users filled with tens of megabytes of garbage.
    /// </summary>
    internal static class BoundedResponseBody
    {
        private const int ChunkBytes = 16 * 1024;

        /// <summary>Where <see cref="ReadPooledAsync"/>'s buffers come from and go back to.</summary>
        public static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 16 * 1024 * 1024, maxArraysPerBucket: 32);

        /// <summary>The body in a fresh array (small answers, kept by the caller).</summary>
        /// <exception cref="ResponseTooLargeException">Content-Length, or the bytes actually sent, exceed <paramref name="maxBytes"/>.</exception>
        public static async Task<byte[]> ReadAsync(HttpContent? content, long maxBytes, CancellationToken cancellationToken)
        {
            (byte[] buffer, int length) = await ReadPooledAsync(content, maxBytes, cancellationToken).ConfigureAwait(false);
            if (length == 0)
            {
                Return(buffer);
                return Array.Empty<byte>();
            }

            byte[] copy = new byte[length];
            System.Buffer.BlockCopy(buffer, 0, copy, 0, length);
            Return(buffer);
            return copy;
        }

        /// <summary>
        /// The body in a buffer rented from <see cref="Pool"/> (an empty, unrented array when there is no content),
        /// and how much of it is the body. The caller returns the buffer once the body is read.
        /// </summary>
        /// <exception cref="ResponseTooLargeException">Content-Length, or the bytes actually sent, exceed <paramref name="maxBytes"/>.</exception>
        public static async Task<(byte[] Buffer, int Length)> ReadPooledAsync(HttpContent? content, long maxBytes, CancellationToken cancellationToken)
        {
            if (content == null)
            {
                return (Array.Empty<byte>(), 0);
            }

            long? declared = content.Headers.ContentLength;
            if (declared.HasValue && declared.Value > maxBytes)
            {
                throw new ResponseTooLargeException(maxBytes, declared);
            }

            using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            byte[] buffer = Pool.Rent(declared is long known && known > 0 ? (int)known : ChunkBytes);
            int length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        if (length >= maxBytes)
                        {
                            // Full at the bound: one more byte says whether the body is over it.
                            if (await stream.ReadAsync(new byte[1], 0, 1, cancellationToken).ConfigureAwait(false) > 0)
                            {
                                throw new ResponseTooLargeException(maxBytes, declared);
                            }

                            return (buffer, length);
                        }

                        byte[] larger = Pool.Rent((int)Math.Min((long)buffer.Length * 2, maxBytes));
                        System.Buffer.BlockCopy(buffer, 0, larger, 0, length);
                        Pool.Return(buffer);
                        buffer = larger;
                    }

                    int read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (buffer, length);
                    }

                    if (length + (long)read > maxBytes)
                    {
                        throw new ResponseTooLargeException(maxBytes, declared);
                    }

                    length += read;
                }
            }
            catch
            {
                Pool.Return(buffer);
                throw;
            }
        }

        /// <summary>Gives back a buffer of <see cref="ReadPooledAsync"/> (the empty one was never rented).</summary>
        public static void Return(byte[] buffer)
        {
            if (buffer.Length > 0)
            {
                Pool.Return(buffer);
            }
        }
    }
}
