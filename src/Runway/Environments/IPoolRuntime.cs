namespace Runway.Environments;

/// <summary>
/// Where releases run: starts, reads and removes a release's instances, and knows nothing of traffic. The team's
/// commands implement it (<see cref="Command.CommandPoolRuntime"/>); a Kubernetes runtime would apply a Deployment per
/// release and read its pods' addresses.
/// </summary>
public interface IPoolRuntime
{
    /// <summary>The environment's name.</summary>
    string Name { get; }

    /// <summary>Starts a pool of <paramref name="release"/> and returns it once its instances are ready. Idempotent.</summary>
    Task<RuntimePool> StartAsync(string release, CancellationToken cancellationToken);

    /// <summary>Stops the pool of <paramref name="release"/> (its traffic is already drained). Idempotent.</summary>
    Task StopAsync(string release, CancellationToken cancellationToken);

    /// <summary>The pools that run now, with their instances.</summary>
    Task<IReadOnlyList<RuntimePool>> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>A release's running instances, as the runtime sees them.</summary>
public sealed record RuntimePool(string Release, IReadOnlyList<InstanceSnapshot> Instances);
