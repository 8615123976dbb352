namespace Runway.Environments.HAProxy;

/// <summary>Where HAProxy is and which of its backends holds the pools.</summary>
public sealed record HAProxyRouterOptions
{
    /// <summary>The admin socket: a Unix socket path, or <c>host:port</c>.</summary>
    public required string Socket { get; init; }

    /// <summary>The backend whose <c>server-template</c> slots the instances take.</summary>
    public string Backend { get; init; } = "service";

    /// <summary>The URL users reach through HAProxy.</summary>
    public Uri? Url { get; init; }

    /// <summary>How long a drained pool may keep open sessions before removal goes ahead anyway.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
