namespace Runway.Service;

/// <summary>
/// What a profile says about the service and the production pieces around it, chosen by name: the contract file, the
/// pool runtime and traffic router that make up the environment, and the metric source the canary reads.
/// </summary>
public sealed record ServiceSettings
{
    /// <summary>The service contract, relative to the root.</summary>
    public string ServiceFile { get; init; } = ServiceContractFile.DefaultPath;

    /// <summary>
    /// Where pools run: <c>local</c> (processes Runway starts) or <c>commands</c> (the team's scripts). Unset: commands
    /// when the profile gives commands, else local (profiles written before the name existed).
    /// </summary>
    public string? PoolRuntime { get; init; }

    /// <summary>What splits traffic: <c>local</c> (Runway's router), <c>commands</c> (the team's script) or <c>haproxy</c>. Unset: as the pool runtime.</summary>
    public string? TrafficRouter { get; init; }

    /// <summary>Where the canary reads metrics: <c>scrape</c> (each instance) or <c>prometheus</c>.</summary>
    public string MetricsSource { get; init; } = "scrape";

    /// <summary>The Prometheus server's base URL, for the <c>prometheus</c> metric source.</summary>
    public Uri? PrometheusUrl { get; init; }

    /// <summary>HAProxy's admin socket (a path, or <c>host:port</c>), for the <c>haproxy</c> router.</summary>
    public string? HAProxySocket { get; init; }

    /// <summary>The HAProxy backend whose server slots hold the pools.</summary>
    public string HAProxyBackend { get; init; } = "service";

    /// <summary>The URL users reach through HAProxy.</summary>
    public Uri? HAProxyUrl { get; init; }

    /// <summary>
    /// Whether Runway can reach each instance's own URL (as the local profile and the example can). False: every request
    /// goes through the environment's URL (the router), a fresh canary warms up under its canary weight instead of
    /// beforehand, and the <c>scrape</c> metric source (which reads each instance) cannot be used.
    /// </summary>
    public bool InstancesReachable { get; init; } = true;

    /// <summary>The HAProxy backend whose slots hold staging's pools (same admin socket).</summary>
    public string StagingHAProxyBackend { get; init; } = "staging";

    /// <summary>The URL staging answers on through HAProxy; null: staging has no HAProxy frontend.</summary>
    public Uri? StagingHAProxyUrl { get; init; }
}
