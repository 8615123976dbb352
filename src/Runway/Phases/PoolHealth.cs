using Runway.Environments;
using Runway.Service;

namespace Runway.Phases;

/// <summary>
/// Tells a pool's healthy instances from the others by asking each for its readiness (the service contract's health path),
/// and has the environment replace the ones that are gone before anything is judged on that pool.
/// </summary>
/// <param name="environment">The environment, changed under the run's lock.</param>
/// <param name="service">How to reach the service, and its health path.</param>
/// <param name="logger">The run's log.</param>
public sealed class PoolHealth(LockedEnvironment environment, ServiceAccess service, Serilog.ILogger logger)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Each instance of <paramref name="pool"/> by URL: null when healthy, else why not.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> CheckAsync(PoolSnapshot pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var answers = await Task.WhenAll(pool.Instances.Select(i => ProbeAsync(i, cancellationToken))).ConfigureAwait(false);
        return pool.Instances.Zip(answers).ToDictionary(p => p.First.Url, p => p.Second);
    }

    /// <summary>The instances of <paramref name="pool"/> that do not answer their readiness check, each with why.</summary>
    public async Task<IReadOnlyList<string>> UnhealthyAsync(PoolSnapshot pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var answers = await Task.WhenAll(pool.Instances.Select(i => ProbeAsync(i, cancellationToken))).ConfigureAwait(false);
        return [.. answers.OfType<string>()];
    }

    /// <summary>
    /// Replaces the unhealthy instances of <paramref name="release"/>'s pool (the environment restarts what is gone) and
    /// says what it found; an empty list when every instance was healthy.
    /// </summary>
    public async Task<IReadOnlyList<string>> ReplaceUnhealthyAsync(string release, string role, CancellationToken cancellationToken)
    {
        var pool = (await environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Pool(release);
        if (pool is null) return [];
        var unhealthy = await UnhealthyAsync(pool, cancellationToken).ConfigureAwait(false);
        if (unhealthy.Count == 0) return [];
        logger.Warning("The {Role} {Release} has {Unhealthy} of {Instances} instances unhealthy ({Details}): replacing them",
            role, release, unhealthy.Count, pool.Instances.Count, string.Join("; ", unhealthy));
        await environment.DeployPoolAsync(release, cancellationToken).ConfigureAwait(false);
        return unhealthy;
    }

    private async Task<string?> ProbeAsync(InstanceSnapshot instance, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await service.Http.GetAsync(new Uri(new Uri(instance.Url), service.Contract.HealthPath), timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"{instance.Url} answers {(int)response.StatusCode}";
        }
        catch (HttpRequestException ex)
        {
            return $"{instance.Url} does not answer ({ex.Message})";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{instance.Url} did not answer within {ProbeTimeout.TotalSeconds:0} s";
        }
    }
}
