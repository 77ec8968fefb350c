using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// Reads a response body into a buffer rented from a pool of its own (up to 16 MB a buffer, so a page of 500
    /// users is pooled on .NET Framework too, whose shared pool stops at 1 MB), with the attempt's token on every read.
    /// </summary>
    internal static class ClerkResponseReader
    {
        public static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 16 * 1024 * 1024, maxArraysPerBucket: 32);

        /// <returns>The rented buffer and how much of it is the body.</returns>
        public static async Task<(byte[] Buffer, int Length)> ReadAsync(Stream stream, long? contentLength, CancellationToken cancellationToken)
        {
            byte[] buffer = Pool.Rent(contentLength is long known && known > 0 && known < int.MaxValue ? (int)known : 16 * 1024);
            int length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        byte[] larger = Pool.Rent(buffer.Length * 2);
                        System.Buffer.BlockCopy(buffer, 0, larger, 0, length);
                        Pool.Return(buffer);
                        buffer = larger;
                    }

                    int read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return (buffer, length);
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
    }
}
