using Runway.Testing;

namespace Runway.Tests.EndToEnd.Support;

/// <summary>The loopback ports of one adopting repository's environment: never the defaults, which a person's own environment uses.</summary>
public sealed record LocalPorts(int Postgres, int Router, int RouterAdmin, int StagingRouter, int StagingRouterAdmin)
{
    /// <summary>Five free ports.</summary>
    public static LocalPorts Free() =>
        new(PostgresServer.FreePort(), PostgresServer.FreePort(), PostgresServer.FreePort(), PostgresServer.FreePort(), PostgresServer.FreePort());
}
