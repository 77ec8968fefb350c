using System.Net;
using System.Net.Sockets;

namespace CognitoClerk.Emulators;

/// <summary>A loopback port nobody listens on right now, for servers started by tests.</summary>
public static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
