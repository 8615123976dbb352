namespace Runway.Environments;

/// <summary>
/// What splits the users' traffic between release pools: adds a pool's instances at weight 0, sets the weights,
/// drains a pool until it has no sessions, and reads the split back from the router itself. HAProxy's runtime API
/// implements it (<see cref="HAProxy.HAProxyRouter"/>); a Gateway API router would patch an HTTPRoute's backendRefs weights.
/// </summary>
public interface ITrafficRouter
{
    /// <summary>The URL users reach, or null when the router has none to give.</summary>
    string? Url { get; }

    /// <summary>Registers <paramref name="pool"/>'s instances with no traffic yet. Idempotent.</summary>
    Task AddAsync(RuntimePool pool, CancellationToken cancellationToken);

    /// <summary>Sets the split: <paramref name="weights"/> per release (summing to 100) over the <paramref name="pools"/> that run.</summary>
    Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, IReadOnlyList<RuntimePool> pools, CancellationToken cancellationToken);

    /// <summary>Takes <paramref name="pool"/> out of the split, waits until its open sessions have finished, and forgets it.</summary>
    Task DrainAsync(RuntimePool pool, CancellationToken cancellationToken);

    /// <summary>The split as the router applies it now, per release of <paramref name="pools"/>.</summary>
    Task<IReadOnlyDictionary<string, int>> ReadWeightsAsync(IReadOnlyList<RuntimePool> pools, CancellationToken cancellationToken);
}
