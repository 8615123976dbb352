using Runway.Environments;

namespace Runway.Phases;

/// <summary>
/// The environment as the phases see it: every change (a pool, a weight) first re-verifies that this run still holds
/// the environment's lock, so a run that lost it changes nothing. Reads pass straight through.
/// </summary>
public sealed class LockedEnvironment(IEnvironmentProvider inner, DeploymentSession session) : IEnvironmentProvider
{
    /// <summary>The provider underneath.</summary>
    public IEnvironmentProvider Inner => inner;

    /// <inheritdoc />
    public string Name => inner.Name;

    /// <inheritdoc />
    public async Task<PoolSnapshot> DeployPoolAsync(string release, CancellationToken cancellationToken)
    {
        await session.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
        return await inner.DeployPoolAsync(release, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        await session.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
        await inner.SetWeightsAsync(weights, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, EnvironmentSnapshot seen, CancellationToken cancellationToken)
    {
        await session.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
        await inner.SetWeightsAsync(weights, seen, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RemovePoolAsync(string release, CancellationToken cancellationToken)
    {
        await session.EnsureHeldAsync(cancellationToken).ConfigureAwait(false);
        await inner.RemovePoolAsync(release, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<EnvironmentSnapshot> ReadAsync(CancellationToken cancellationToken) => inner.ReadAsync(cancellationToken);
}
