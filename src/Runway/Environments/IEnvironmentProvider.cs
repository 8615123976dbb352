namespace Runway.Environments;

/// <summary>
/// Where releases run and how traffic reaches them. The phases speak only to this seam, so the same
/// pipeline deploys to the local machine, to servers driven by the team's own scripts, or (later) Kubernetes.
/// </summary>
public interface IEnvironmentProvider
{
    /// <summary>The environment's name (e.g. <c>local</c>, <c>staging</c>, <c>production</c>).</summary>
    string Name { get; }

    /// <summary>Starts a pool of instances running <paramref name="release"/> and returns once they are ready. Idempotent.</summary>
    Task<PoolSnapshot> DeployPoolAsync(string release, CancellationToken cancellationToken);

    /// <summary>Sets the traffic split: weights per release, summing to 100.</summary>
    Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the split over the pools of <paramref name="seen"/>, a snapshot just read: a provider that can skips reading
    /// its pools again, so a rollback's flip waits on one read. By default the same as the overload without it.
    /// </summary>
    Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, EnvironmentSnapshot seen, CancellationToken cancellationToken) =>
        SetWeightsAsync(weights, cancellationToken);

    /// <summary>Takes a pool out of the traffic split, lets its requests finish, and stops it. Idempotent.</summary>
    Task RemovePoolAsync(string release, CancellationToken cancellationToken);

    /// <summary>What runs now: pools, instances, weights and the URL users reach.</summary>
    Task<EnvironmentSnapshot> ReadAsync(CancellationToken cancellationToken);
}
