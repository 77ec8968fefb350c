using System;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// The Clerk secret key. Kept in one place and never printed: ToString() is redacted so that an
    /// accidental interpolation into a message, log or error cannot leak it.
    /// </summary>
    public sealed class ClerkSecretKey
    {
        private readonly string _value;

        public ClerkSecretKey(string value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException("The Clerk secret key is empty.", nameof(value));
            }

            _value = value.Trim();
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

        /// <summary>The text with every occurrence of the key replaced, for messages built from what a server sent back.</summary>
        internal string Redact(string text) =>
            text.IndexOf(_value, StringComparison.Ordinal) < 0 ? text : text.Replace(_value, ToString());

        public override string ToString() => "sk_***";
    }
}
