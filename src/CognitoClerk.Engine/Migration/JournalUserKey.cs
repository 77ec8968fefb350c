using System;
using System.Text;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Whose record a journal line is, as bytes: the user's key in <see cref="JournalUserIndex"/>. A user is
    /// (pool, external_id), or (pool, Cognito username) when the record has no external_id; the key is a kind
    /// byte (<c>x</c> or <c>u</c>), the pool's UTF-8, a unit separator and the id's UTF-8. The same user gives
    /// the same bytes whether the key is built from a work item's strings or from a line's unescaped JSON values,
    /// so a line is hashed and compared without making a string of it.
    /// </summary>
    internal static class JournalUserKey
    {
        private const byte ByExternalId = (byte)'x';
        private const byte ByUsername = (byte)'u';
        private const byte Separator = 0x1F;

        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        /// <summary>The key from a work item's or a record's strings; null when neither external_id nor username is known.</summary>
        public static byte[]? Of(string? userPoolId, string? externalId, string? cognitoUsername)
        {
            bool byExternalId = !string.IsNullOrEmpty(externalId);
            string? id = byExternalId ? externalId : cognitoUsername;
            if (string.IsNullOrEmpty(id))
            {
                return null;
            }

            string pool = userPoolId ?? string.Empty;
            var key = new byte[2 + Utf8.GetByteCount(pool) + Utf8.GetByteCount(id)];
            key[0] = byExternalId ? ByExternalId : ByUsername;
            int written = 1 + Utf8.GetBytes(pool, 0, pool.Length, key, 1);
            key[written++] = Separator;
            Utf8.GetBytes(id, 0, id!.Length, key, written);
            return key;
        }

        /// <summary>
        /// The key from a line's unescaped UTF-8 values into <paramref name="buffer"/> (grown when too small);
        /// the number of bytes written, or -1 when the line names neither external_id nor username.
        /// </summary>
        public static int Write(ReadOnlySpan<byte> userPoolId, ReadOnlySpan<byte> externalId, ReadOnlySpan<byte> cognitoUsername, ref byte[] buffer)
        {
            bool byExternalId = !externalId.IsEmpty;
            ReadOnlySpan<byte> id = byExternalId ? externalId : cognitoUsername;
            if (id.IsEmpty)
            {
                return -1;
            }

            int length = 2 + userPoolId.Length + id.Length;
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            buffer[0] = byExternalId ? ByExternalId : ByUsername;
            userPoolId.CopyTo(buffer.AsSpan(1));
            buffer[1 + userPoolId.Length] = Separator;
            id.CopyTo(buffer.AsSpan(2 + userPoolId.Length));
            return length;
        }
    }
}
