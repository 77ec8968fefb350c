using System;
using System.Runtime.InteropServices;
using System.Security;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Conversion
{
    /// <summary>
    /// The Clerk secret key from -SecretKey (a SecureString) or $env:CLERK_SECRET_KEY, turned into the
    /// engine's redacting <see cref="ClerkSecretKey"/> at the last moment, right before the client is built.
    /// </summary>
    internal static class ClerkSecretKeyReader
    {
        /// <summary>Null when neither the parameter nor the environment variable gives a key.</summary>
        internal static ClerkSecretKey? Read(SecureString? parameter)
        {
            if (parameter != null && parameter.Length > 0)
            {
                return FromSecureString(parameter);
            }

            string? fromEnvironment = EnvironmentDefaults.ClerkSecretKey;
            return fromEnvironment == null ? null : new ClerkSecretKey(fromEnvironment);
        }

        /// <summary>
        /// As <see cref="Read"/>, with a blank key the same as none: for cmdlets that run without Clerk when no key is
        /// given. A publishable key still throws <see cref="ClerkSecretKeyException"/>.
        /// </summary>
        internal static ClerkSecretKey? ReadOrNull(SecureString? parameter)
        {
            try
            {
                return Read(parameter);
            }
            catch (ArgumentException ex) when (!(ex is ClerkSecretKeyException))
            {
                // Blank. A publishable key is not "no key": it is reported.
                return null;
            }
        }

        private static ClerkSecretKey FromSecureString(SecureString secure)
        {
            IntPtr unmanaged = IntPtr.Zero;
            try
            {
                unmanaged = Marshal.SecureStringToGlobalAllocUnicode(secure);
                return new ClerkSecretKey(Marshal.PtrToStringUni(unmanaged, secure.Length));
            }
            finally
            {
                if (unmanaged != IntPtr.Zero)
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(unmanaged);
                }
            }
        }
    }
}
