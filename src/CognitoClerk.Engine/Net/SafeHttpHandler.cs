using System;
using System.Net;
using System.Net.Http;

namespace CognitoClerk.Engine.Net
{
    /// <summary>
    /// The HttpClientHandler both clients use. Two rules protect what travels in the headers (the Clerk key,
    /// AWS signatures and session tokens):
    /// <list type="bullet">
    /// <item>No redirect is followed: a 3xx to another host would carry the headers, and for InitiateAuth the
    /// user's password in the body, to wherever the answer points. Neither Clerk nor Cognito redirects.</item>
    /// <item>A loopback endpoint is never reached through a proxy (HTTP_PROXY, ALL_PROXY, the system proxy):
    /// plain http is allowed only because the bytes never leave the machine, and a proxy would take them
    /// off it in clear text.</item>
    /// </list>
    /// </summary>
    internal static class SafeHttpHandler
    {
        public static HttpClientHandler Create(Uri endpoint)
        {
            if (endpoint == null)
            {
                throw new ArgumentNullException(nameof(endpoint));
            }

            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };

            if (endpoint.IsLoopback)
            {
                handler.UseProxy = false;
                handler.Proxy = null;
            }

            try
            {
                // .NET Framework (Windows PowerShell 5.1) allows 2 connections per host by default, which
                // would cap a parallel migration far below Clerk's limit. .NET Core has no such cap.
                handler.MaxConnectionsPerServer = 1024;
            }
            catch (PlatformNotSupportedException)
            {
                // The platform manages connections itself.
            }

            return handler;
        }

        /// <summary>A 3xx answer: the clients report it instead of following it.</summary>
        public static bool IsRedirect(HttpResponseMessage response)
        {
            int status = (int)response.StatusCode;
            return status >= 300 && status <= 399 && status != 304;
        }

        /// <summary>Where a redirect pointed, as scheme, host and port only (a Location may carry credentials or tokens).</summary>
        public static string DescribeLocation(HttpResponseMessage response)
        {
            Uri? location = response.Headers.Location;
            if (location == null)
            {
                return "no Location";
            }

            if (!location.IsAbsoluteUri)
            {
                return "a path on the same host";
            }

            return location.GetLeftPart(UriPartial.Authority);
        }
    }
}
