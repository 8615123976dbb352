using System.Net;
using System.Net.Sockets;

namespace Runway.Environments.Local;

/// <summary>Free TCP ports on 127.0.0.1, for replicas (and for tests and benchmarks that must not collide).</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on now (the system picks it; it is free until someone binds it).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
