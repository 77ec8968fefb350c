using System.Net;
using System.Net.Sockets;

namespace CognitoClerk.Emulators;

/// <summary>
/// A loopback port nobody listens on right now, for servers started by tests, and never one this process was
/// handed before. The engine keeps one limiter, with its counters and its 429 pause, per Clerk API URL and key
/// (ClerkInstancePacer), as Clerk limits per instance; and the emulators share one default key. Linux hands a
/// port out again as soon as it is free (the client closed first, so the server's side has no TIME_WAIT), so a
/// later emulator on an earlier one's port was the same "instance" to the engine: its test saw the earlier
/// test's requests in its statistics. One port per server for the life of the process keeps one URL one instance.
/// </summary>
public static class FreeTcpPort
{
    /// <summary>Probes before giving up: the loopback range holds thousands of ports, a test run uses a few hundred.</summary>
    private const int MaxProbes = 1000;

    private static readonly HashSet<int> HandedOut = new();

    public static int Next()
    {
        // A port handed out before stays bound while the next probe runs, so the kernel offers another one.
        var held = new List<TcpListener>();
        try
        {
            lock (HandedOut)
            {
                for (int probe = 0; probe < MaxProbes; probe++)
                {
                    var listener = new TcpListener(IPAddress.Loopback, 0);
                    listener.Start();
                    held.Add(listener);
                    int port = ((IPEndPoint)listener.LocalEndpoint).Port;
                    if (HandedOut.Add(port))
                    {
                        return port;
                    }
                }
            }

            throw new InvalidOperationException($"No loopback port this process has not used before in {MaxProbes} probes.");
        }
        finally
        {
            foreach (TcpListener listener in held)
            {
                listener.Stop();
            }
        }
    }
}
