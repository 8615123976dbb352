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
    /// <summary>
    /// Pools the router sends to that the environment did not start (set by hand, or by another tool): users reach
    /// them, so Status shows them and a deployment does not start from them; the phases never change them.
    /// </summary>
    public IReadOnlyList<PoolSnapshot> Unmanaged { get; init; } = [];

    /// <summary>Every pool users can reach: <see cref="Pools"/> then <see cref="Unmanaged"/>.</summary>
    public IEnumerable<PoolSnapshot> Routed => Pools.Concat(Unmanaged);

    /// <summary>The pool of <paramref name="release"/>, or null.</summary>
    public PoolSnapshot? Pool(string release) => Pools.FirstOrDefault(p => p.Release == release);
}
