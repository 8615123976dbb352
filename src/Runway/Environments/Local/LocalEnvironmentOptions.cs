namespace Runway.Environments.Local;

/// <summary>How a local environment runs on this machine.</summary>
public sealed record LocalEnvironmentOptions
{
    /// <summary>The environment's name; also names its state folder.</summary>
    public required string Name { get; init; }

    /// <summary>Where the environment keeps its state, router table, token and logs.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>The published service, one folder per release, made by a <see cref="ReleasePublisher"/>.</summary>
    public required Func<string, CancellationToken, Task<string>> PublishRelease { get; init; }

    /// <summary>What a release's published folder holds (sources hash, digest), or null when it was never published.</summary>
    public Func<string, ReleaseManifest?> DescribeRelease { get; init; } = _ => null;

    /// <summary>The published router's folder.</summary>
    public required Func<CancellationToken, Task<string>> PublishRouter { get; init; }

    /// <summary>The port users reach.</summary>
    public int RouterPort { get; init; } = 5080;

    /// <summary>The router's admin port (loopback only).</summary>
    public int RouterAdminPort { get; init; } = 5081;

    /// <summary>Replicas per release pool.</summary>
    public int Replicas { get; init; } = 4;

    /// <summary>The environment variables each replica of a release gets (its release name among them).</summary>
    public required Func<string, IReadOnlyDictionary<string, string>> ReleaseConfiguration { get; init; }

    /// <summary>How long a new pool may take to become ready.</summary>
    public TimeSpan ReadinessTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a stopping replica may take before it is killed.</summary>
    public TimeSpan StopGrace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The service's assembly inside a release folder.</summary>
    public string ServiceAssembly { get; init; } = "Runway.Sample.dll";

    /// <summary>The router's assembly inside its folder.</summary>
    public string RouterAssembly { get; init; } = "Runway.Router.dll";
}
