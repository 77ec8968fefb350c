using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CognitoClerk.Emulators;

/// <summary>
/// A Kestrel app on a free 127.0.0.1 port that answers every request with one handler: what the in-process
/// stand-ins (the Clerk emulator, the hostile servers) run on. No logging, no Server header.
/// </summary>
public static class LoopbackWebApp
{
    /// <summary>Starts the app; a port taken by another process between the probe and the bind is retried with another.</summary>
    public static async Task<(WebApplication App, string BaseUrl)> StartAsync(RequestDelegate handle, TimeSpan shutdownTimeout, CancellationToken cancellationToken = default)
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = FreeTcpPort.Next();
            WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Listen(IPAddress.Loopback, port);
                kestrel.AddServerHeader = false;
            });
            builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = shutdownTimeout);
            WebApplication app = builder.Build();
            app.Run(handle);
            try
            {
                await app.StartAsync(cancellationToken);
                return (app, $"http://127.0.0.1:{port}");
            }
            catch (IOException) when (attempt < 5)
            {
                await app.DisposeAsync();
            }
            catch
            {
                await app.DisposeAsync();
                throw;
            }
        }
    }
}
