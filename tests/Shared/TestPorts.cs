using System.Net;
using System.Net.Sockets;

namespace Runway.Testing;

/// <summary>
/// Loopback ports for the servers tests start (clusters, routers, stand-ins). They come from below the kernel's
/// ephemeral range (32768–60999 on Linux): a port asked of the kernel (port 0) is free only until someone binds it,
/// and an end-to-end story holds its ports for minutes, while replicas bind port 0 and every outgoing connection
/// takes an ephemeral source port. With two lines of stories at once, a staging router found its port taken that way
/// ("the router exited before it became ready"). Below the range only these tests hand ports out: each once per
/// process, from a random start so that test processes running side by side rarely meet, and each checked bindable.
/// </summary>
public static class TestPorts
{
    private const int First = 20000;
    private const int Count = 12000; // up to 31999, below the ephemeral range
    private static readonly object Gate = new();
    private static int _next = Random.Shared.Next(Count);

    /// <summary>A port on 127.0.0.1 that nothing listens on now and that this process has not handed out before.</summary>
    public static int Free()
    {
        lock (Gate)
        {
            for (var tried = 0; tried < Count; tried++)
            {
                var port = First + (_next++ % Count);
                if (Bindable(port)) return port;
            }
        }
        throw new InvalidOperationException($"No free loopback port from {First} to {First + Count - 1}.");
    }

    private static bool Bindable(int port)
    {
        try
        {
            var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
