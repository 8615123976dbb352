namespace Runway.Environments;

/// <summary>
/// An environment made of a pool runtime and a traffic router (e.g. the team's commands and HAProxy). The phases keep
/// speaking to <see cref="IEnvironmentProvider"/>; this composition does each action in the safe order: a pool joins
/// the router only once ready, and leaves the router (drained) before it stops.
/// </summary>
public sealed class ComposedEnvironment(IPoolRuntime runtime, ITrafficRouter router) : IEnvironmentProvider
{
    /// <inheritdoc />
    public string Name => runtime.Name;

    /// <summary>The router, for what only it can tell (the split it applies).</summary>
    public ITrafficRouter Router => router;

    /// <summary>Who reports the instances' health: the router when it checks them (HAProxy), else the runtime when it can; null when neither.</summary>
    public IInstanceHealthSource? Health => router as IInstanceHealthSource ?? runtime as IInstanceHealthSource;

    /// <inheritdoc />
    public async Task<PoolSnapshot> DeployPoolAsync(string release, CancellationToken cancellationToken)
    {
        var pool = await runtime.StartAsync(release, cancellationToken).ConfigureAwait(false);
        await router.AddAsync(pool, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(cancellationToken).ConfigureAwait(false)).Pool(release)
            ?? throw new InvalidOperationException($"The pool of {release} started, but {Name}'s runtime no longer lists it.");
    }

    /// <inheritdoc />
    public async Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken) =>
        await SetWeightsAsync(weights, await runtime.ReadAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, EnvironmentSnapshot seen, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seen);
        return SetWeightsAsync(weights, seen.Pools.Select(p => new RuntimePool(p.Release, p.Instances)).ToList(), cancellationToken);
    }

    private async Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, IReadOnlyList<RuntimePool> pools, CancellationToken cancellationToken)
    {
        var missing = weights.Where(w => w.Value > 0 && pools.All(p => p.Release != w.Key)).Select(w => w.Key).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Cannot send traffic to {string.Join(", ", missing)} in {Name}: no such pool runs. Run ./build.sh Status to see what runs.");
        await router.SetWeightsAsync(weights, pools, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemovePoolAsync(string release, CancellationToken cancellationToken)
    {
        var pool = (await runtime.ReadAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Release == release);
        if (pool is not null) await router.DrainAsync(pool, cancellationToken).ConfigureAwait(false);
        await runtime.StopAsync(release, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<EnvironmentSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var pools = await runtime.ReadAsync(cancellationToken).ConfigureAwait(false);
        var weights = await router.ReadWeightsAsync(pools, cancellationToken).ConfigureAwait(false);
        return new EnvironmentSnapshot(Name, router.Url, pools.Select(p => new PoolSnapshot(p.Release, weights.GetValueOrDefault(p.Release), p.Instances)).ToList());
    }
}
