using System;
using System.Management.Automation;
using System.Security;
using CognitoClerk.Conversion;
using CognitoClerk.Engine.Clerk;

namespace CognitoClerk.Commands
{
    /// <summary>
    /// -SecretKey/-ApiUrl plus their environment defaults, as the engine's Clerk client, and the ErrorIds
    /// of what can go wrong with them. The key leaves its SecureString only into the redacting ClerkSecretKey.
    /// </summary>
    internal static class ClerkConnectionDefaults
    {
        internal const string ApiUrlInvalid = "ClerkApiUrlInvalid";
        internal const string AuthenticationFailed = "ClerkAuthenticationFailed";

        /// <summary>Null when neither -SecretKey nor $env:CLERK_SECRET_KEY gives a (non-blank) key.</summary>
        internal static ClerkSecretKey? ReadSecretKey(SecureString? secretKey)
        {
            try
            {
                if (secretKey != null && secretKey.Length > 0)
                {
                    return SecureStringReader.Use(secretKey, text => new ClerkSecretKey(text));
                }

                string? fromEnvironment = EnvironmentDefaults.ClerkSecretKey;
                return fromEnvironment == null ? null : new ClerkSecretKey(fromEnvironment);
            }
            catch (ArgumentException)
            {
                // A blank key is the same as none.
                return null;
            }
        }

        internal static string ApiUrl(string? apiUrl) =>
            string.IsNullOrWhiteSpace(apiUrl) ? EnvironmentDefaults.ClerkApiUrl ?? ClerkConnectionSettings.DefaultApiUrl : apiUrl!.Trim();

        /// <exception cref="ArgumentException">The URL is not https (or http on loopback); the message never repeats the key.</exception>
        internal static ClerkBackendApi Connect(ClerkSecretKey key, string apiUrl) =>
            ClerkBackendApi.Create(new ClerkConnectionSettings(key, apiUrl));

        internal static ErrorRecord AuthenticationFailedRecord(ClerkApiException ex)
        {
            return new ErrorRecord(ex, AuthenticationFailed, ErrorCategory.AuthenticationError, null)
            {
                ErrorDetails = new ErrorDetails("Clerk refused the secret key: " + ex.Message)
                {
                    RecommendedAction = $"Pass the target instance's secret key (sk_live_... or sk_test_...) with -SecretKey or $env:{EnvironmentDefaults.ClerkSecretKeyVariable}.",
                },
            };
        }
    }
}
