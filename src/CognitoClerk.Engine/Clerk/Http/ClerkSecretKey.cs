using System;
using System.Text.RegularExpressions;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// The Clerk secret key. Kept in one place and never printed: ToString() is redacted so that an
    /// accidental interpolation into a message, log or error cannot leak it.
    /// </summary>
    public sealed class ClerkSecretKey
    {
        private const string Redacted = "sk_***";

        /// <summary>
        /// Anything that looks like a Clerk key or a bearer credential, whole or cut short: what a proxy that
        /// echoes the Authorization header, or truncates it, could put in an error body.
        /// </summary>
        private static readonly Regex KeyLike = new Regex(
            @"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9_\-]*|\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/=\-_]+\**",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private readonly string _value;

        /// <exception cref="ArgumentException">The value is blank.</exception>
        /// <exception cref="ClerkSecretKeyException">The value is a publishable key (pk_...), not a secret key.</exception>
        public ClerkSecretKey(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("The Clerk secret key is empty.", nameof(value));
            }

            string trimmed = value.Trim();
            if (IsPublishableKey(trimmed))
            {
                // Not echoed, although a publishable key is not secret: what was pasted may be something else that is.
                throw new ClerkSecretKeyException(
                    "The Clerk key is a publishable key (pk_live_... or pk_test_...), which is for browsers and cannot call the " +
                    "Backend API. It was not sent to Clerk. Use the secret key (sk_live_... or sk_test_...) from the same " +
                    "API Keys page of the Clerk Dashboard.");
            }

            _value = trimmed;
        }

        /// <summary>For the Authorization header only.</summary>
        internal string Reveal() => _value;

        /// <summary>A stable, non-reversible name for the key: the shared rate limiter is per instance, i.e. per key.</summary>
        public string Fingerprint
        {
            get
            {
                using var sha = System.Security.Cryptography.SHA256.Create();
                byte[] hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(_value));
                return BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty).ToLowerInvariant();
            }
        }

        /// <summary>pk_live_/pk_test_: Clerk's publishable (frontend) keys.</summary>
        public static bool IsPublishableKey(string value) =>
            value.StartsWith("pk_live_", StringComparison.Ordinal) || value.StartsWith("pk_test_", StringComparison.Ordinal);

        /// <summary>
        /// The text with every occurrence of the key replaced, then anything else that looks like a key or a bearer
        /// credential (a part of the key, another key), for messages built from what a server sent back. Call it
        /// on the whole text, before it is shortened: a cut can leave a part of the key that no longer matches it.
        /// </summary>
        internal string Redact(string text)
        {
            string redacted = text.IndexOf(_value, StringComparison.Ordinal) < 0 ? text : text.Replace(_value, Redacted);
            return RedactKeyLike(redacted);
        }

        /// <summary>Key-like and bearer-like text replaced, without knowing the key (for text that may quote any key).</summary>
        public static string RedactKeyLike(string text) =>
            string.IsNullOrEmpty(text) ? text : KeyLike.Replace(text, m => m.Value.StartsWith("B", StringComparison.OrdinalIgnoreCase) ? m.Value.Split(' ', '\t')[0] + " ***" : Redacted);

        public override string ToString() => Redacted;
    }
}
