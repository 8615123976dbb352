namespace Runway.Environments;

/// <summary>One running instance of a release.</summary>
/// <param name="Url">Its base URL.</param>
/// <param name="ProcessId">Its process id where the provider knows it.</param>
/// <param name="Health">Its health as the runtime reported it with the instance (the command contract's read-instances); null when it did not.</param>
public sealed record InstanceSnapshot(string Url, int? ProcessId, InstanceHealth? Health = null);

/// <summary>The instances of one release and the share of traffic they get.</summary>
public sealed record PoolSnapshot(string Release, int Weight, IReadOnlyList<InstanceSnapshot> Instances);

/// <summary>An environment as it runs now.</summary>
/// <param name="Environment">The environment's name.</param>
/// <param name="Url">The URL users reach (the router or load balancer).</param>
/// <param name="Pools">The release pools, with their weights.</param>
public sealed record EnvironmentSnapshot(string Environment, string? Url, IReadOnlyList<PoolSnapshot> Pools)
{
    /// <summary>The pool of <paramref name="release"/>, or null.</summary>
    public PoolSnapshot? Pool(string release) => Pools.FirstOrDefault(p => p.Release == release);
}
