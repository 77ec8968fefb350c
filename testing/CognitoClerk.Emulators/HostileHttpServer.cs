using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CognitoClerk.Emulators;

/// <summary>
/// A server on a free 127.0.0.1 port that answers however a test script says: a gateway's "200 {}", a 307 to
/// another host, a 300 MB body, a proxy that echoes the Authorization header, a Cognito whose tokens cycle.
/// For what real Clerk and Cognito never do, so that the module's defences against them can be shown.
/// Every request is recorded (method, target, headers, body). What a client reads of an answer is counted on the
/// client's side (a server cannot tell: writes to a closed connection may still succeed).
/// </summary>
public sealed class HostileHttpServer : IAsyncDisposable
{
    private readonly Func<HostileHttpServer, HttpContext, HostileRequest, Task> _respond;
    private readonly ConcurrentQueue<HostileRequest> _requests = new();
    private WebApplication? _app;

    private HostileHttpServer(Func<HostileHttpServer, HttpContext, HostileRequest, Task> respond)
    {
        _respond = respond;
    }

    /// <summary>http://127.0.0.1:port (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<HostileRequest> Requests => _requests.ToList();

    /// <summary>
    /// Starts a server whose every answer is <paramref name="respond"/>'s (given the server itself, for
    /// <see cref="WriteAsync"/> and <see cref="StreamAsync"/>); the request's body is read first.
    /// </summary>
    public static async Task<HostileHttpServer> StartAsync(Func<HostileHttpServer, HttpContext, HostileRequest, Task> respond)
    {
        var server = new HostileHttpServer(respond);
        (server._app, server.BaseUrl) = await LoopbackWebApp.StartAsync(server.HandleAsync, TimeSpan.FromSeconds(2));
        return server;
    }

    /// <summary>A server that answers everything with 307 to <paramref name="location"/>: what a hijacked endpoint or a misconfigured proxy does.</summary>
    public static Task<HostileHttpServer> RedirectingToAsync(string location) =>
        StartAsync((_, context, _) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = location;
            return Task.CompletedTask;
        });

    /// <summary>Writes <paramref name="text"/> as the body.</summary>
    public async Task WriteAsync(HttpContext context, int status, string text, string contentType = "application/json")
    {
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    }

    /// <summary>
    /// Streams <paramref name="totalBytes"/> of JSON-ish filler in 64 KB chunks, without Content-Length (chunked),
    /// stopping when the client goes away: a huge answer that costs the server nothing to make.
    /// </summary>
    public async Task StreamAsync(HttpContext context, int status, long totalBytes, bool declareLength = false)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (declareLength)
        {
            context.Response.ContentLength = totalBytes;
        }

        byte[] chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)' ');
        chunk[0] = (byte)'[';
        try
        {
            for (long sent = 0; sent < totalBytes; sent += chunk.Length)
            {
                int size = (int)Math.Min(chunk.Length, totalBytes - sent);
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, size), context.RequestAborted);
                chunk[0] = (byte)' ';
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException || ex is IOException || ex is ObjectDisposedException)
        {
            // The client stopped reading and closed the connection: exactly what the test wants to see.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app != null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var request = new HostileRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "/",
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            System.Text.Encoding.UTF8.GetString(body.ToArray()));
        _requests.Enqueue(request);
        await _respond(this, context, request);
    }
}
