using System;
using System.Text;

namespace CognitoClerk.Engine.Migration
{
    /// <summary>
    /// Whose record a journal line is, as bytes: the user's key in <see cref="JournalUserIndex"/>, the UTF-8 of
    /// <see cref="MigrationJournal.KeyOf"/> (a kind, <c>x</c> for external_id or <c>u</c> for Cognito username, the
    /// pool and the id, apart by unit separators). The same user gives the same bytes whether the key is built from a
    /// work item's strings or from a line's unescaped JSON values, so a line is hashed and compared without making a
    /// string of it.
    /// </summary>
    internal static class JournalUserKey
    {
        private const byte ByExternalId = (byte)'x';
        private const byte ByUsername = (byte)'u';
        private const byte Separator = 0x1F;

        /// <summary>The key from a work item's or a record's strings; null when neither external_id nor username is known.</summary>
        public static byte[]? Of(string? userPoolId, string? externalId, string? cognitoUsername)
        {
            string? key = MigrationJournal.KeyOf(userPoolId, externalId, cognitoUsername);
            return key == null ? null : Encoding.UTF8.GetBytes(key);
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

            int length = 3 + userPoolId.Length + id.Length;
            if (buffer.Length < length)
            {
                buffer = new byte[Math.Max(length, buffer.Length * 2)];
            }

            buffer[0] = byExternalId ? ByExternalId : ByUsername;
            buffer[1] = Separator;
            userPoolId.CopyTo(buffer.AsSpan(2));
            buffer[2 + userPoolId.Length] = Separator;
            id.CopyTo(buffer.AsSpan(3 + userPoolId.Length));
            return length;
        }
    }
}
