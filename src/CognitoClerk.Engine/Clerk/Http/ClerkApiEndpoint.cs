using System;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>Turns the URL an admin gives into the API's base URI, and refuses the ones that would leak the key.</summary>
    internal static class ClerkApiEndpoint
    {
        /// <summary>
        /// Error messages show only scheme, host and port: a mistyped value may hold the key anywhere else.
        /// "https://api.clerk.com" and "https://api.clerk.com/v1/" both become "https://api.clerk.com/v1/"
        /// (the trailing slash makes relative paths append). Throws <see cref="ArgumentException"/> for
        /// anything that is not an absolute https URL, or http on loopback.
        /// </summary>
        public static Uri Normalize(string apiUrl)
        {
            if (string.IsNullOrWhiteSpace(apiUrl) || !Uri.TryCreate(apiUrl.Trim(), UriKind.Absolute, out Uri? uri))
            {
                // The value is not repeated: a mistyped parameter may hold the secret key itself.
                throw new ArgumentException($"The Clerk API URL is not an absolute URL such as {ClerkConnectionSettings.DefaultApiUrl}.", nameof(apiUrl));
            }

            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                // Never echo credentials in a URL back into an error message.
                throw new ArgumentException($"The Clerk API URL for host '{uri.Host}' contains user information; pass the secret key as the key, not in the URL.", nameof(apiUrl));
            }

            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
            {
                throw new ArgumentException($"The Clerk API URL '{uri.GetLeftPart(UriPartial.Authority)}' must not have a query or fragment.", nameof(apiUrl));
            }

            bool https = uri.Scheme == Uri.UriSchemeHttps;
            bool loopbackHttp = uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
            if (!https && !loopbackHttp)
            {
                throw new ArgumentException(
                    uri.Scheme == Uri.UriSchemeHttp
                        ? $"The Clerk API URL '{uri.GetLeftPart(UriPartial.Authority)}' uses http://, which would send the secret key unencrypted. Use https://; http:// is allowed only on loopback (127.0.0.1, ::1, localhost) for emulators."
                        : $"The Clerk API URL '{uri.GetLeftPart(UriPartial.Authority)}' must use https://.",
                    nameof(apiUrl));
            }

            string path = uri.AbsolutePath.TrimEnd('/');
            if (!path.EndsWith("/v1", StringComparison.OrdinalIgnoreCase))
            {
                path += "/v1";
            }

            var builder = new UriBuilder(uri) { Path = path + "/" };
            return builder.Uri;
        }
    }
}
