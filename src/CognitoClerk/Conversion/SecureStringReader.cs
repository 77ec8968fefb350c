using System;
using System.Runtime.InteropServices;
using System.Security;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// Reveals a SecureString only for the one call that needs the plain text, and frees the unmanaged
    /// copy at once. The managed string handed to the call cannot be wiped, so it is never stored.
    /// </summary>
    internal static class SecureStringReader
    {
        internal static T Use<T>(SecureString secret, Func<string, T> call)
        {
            IntPtr buffer = IntPtr.Zero;
            try
            {
                buffer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return call(Marshal.PtrToStringUni(buffer) ?? string.Empty);
            }
            finally
            {
                if (buffer != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(buffer);
                }
            }
        }
    }
}
