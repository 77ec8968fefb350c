using CognitoClerk.Emulators;
using Xunit;

namespace CognitoClerk.Engine.Tests.Emulators;

/// <summary>
/// The ports test servers get. The engine keeps one limiter and one set of counters per Clerk URL and key, so a
/// server on a port an earlier server of this process had would inherit that server's requests in its statistics
/// (how ClerkPacingTests once counted 19 requests where it sent 16).
/// </summary>
public sealed class FreeTcpPortTests
{
    [Fact]
    public void A_port_is_never_handed_out_twice_in_one_process()
    {
        // The kernel picks from a few thousand free ports at random, so 600 picks would repeat one ~12 times.
        var ports = Enumerable.Range(0, 600).Select(_ => FreeTcpPort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1, 65535));
    }
}
