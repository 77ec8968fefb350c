using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;

namespace CognitoClerk.Engine.Clerk
{
    /// <summary>
    /// A JSON request body that tells the limiter when it is written to the connection: the moment the
    /// request really leaves, after any connection and TLS set-up, which is what Clerk's window counts.
    /// Derives from HttpContent itself (not ByteArrayContent, whose newer overloads would bypass the hook).
    /// </summary>
    internal sealed class ClerkJsonContent : HttpContent
    {
        private readonly byte[] _body;
        private readonly ClerkRateLimiter.SendPermit _permit;

        public ClerkJsonContent(byte[] body, ClerkRateLimiter.SendPermit permit)
        {
            _body = body;
            _permit = permit;
            Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            _permit.MarkOnWire();
            return stream.WriteAsync(_body, 0, _body.Length);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
