namespace Runway.Environments;

/// <summary>What is known of one instance's health.</summary>
/// <param name="Healthy">True or false when known; null when nothing could tell.</param>
/// <param name="Detail">Why not healthy, or why unknown; null when healthy.</param>
public sealed record InstanceHealth(bool? Healthy, string? Detail)
{
    /// <summary>A healthy instance.</summary>
    public static InstanceHealth Ok { get; } = new(true, null);

    /// <summary>An unhealthy instance, and why.</summary>
    public static InstanceHealth Failing(string why) => new(false, why);

    /// <summary>An instance nothing could tell about, and why.</summary>
    public static InstanceHealth Unknown(string why) => new(null, why);
}

/// <summary>
/// Instance health as the router or the runtime sees it, for profiles whose instances this runner cannot reach
/// (<c>--instances-reachable false</c>): HAProxy's own health checks (<see cref="HAProxy.HAProxyRouter"/>), a
/// Kubernetes runtime's pod readiness.
/// </summary>
public interface IInstanceHealthSource
{
    /// <summary>The health of each instance of <paramref name="pool"/>, by instance URL.</summary>
    Task<IReadOnlyDictionary<string, InstanceHealth>> HealthAsync(RuntimePool pool, CancellationToken cancellationToken);
}
