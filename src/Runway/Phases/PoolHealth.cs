using Runway.Environments;
using Runway.Service;

namespace Runway.Phases;

/// <summary>
/// Tells a pool's healthy instances from the others, and has the environment replace the ones that are gone before
/// anything is judged on that pool. Where this runner reaches the instances (the local profile) it asks each for its
/// readiness (the service contract's health path); where it does not (<c>--instances-reachable false</c>), it asks
/// whoever does: the router's own health checks (HAProxy) or the runtime.
/// </summary>
/// <param name="environment">The environment, changed under the run's lock.</param>
/// <param name="service">How to reach the service, and its health path.</param>
/// <param name="reported">The router's or runtime's view of instance health; null when neither has one.</param>
/// <param name="logger">The run's log.</param>
public sealed class PoolHealth(IEnvironmentProvider environment, ServiceAccess service, IInstanceHealthSource? reported, Serilog.ILogger logger)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    /// <summary>What is known of each instance of <paramref name="pool"/>'s health, by URL.</summary>
    public async Task<IReadOnlyDictionary<string, InstanceHealth>> CheckAsync(PoolSnapshot pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        if (!service.InstancesReachable)
            return reported is not null
                ? await reported.HealthAsync(new RuntimePool(pool.Release, pool.Instances), cancellationToken).ConfigureAwait(false)
                : pool.Instances.ToDictionary(i => i.Url, i => InstanceHealth.Unknown(
                    $"{i.Url} is not reachable from this runner (--instances-reachable false) and neither the router nor the runtime reports its health"));
        var answers = await Task.WhenAll(pool.Instances.Select(i => ProbeAsync(i, cancellationToken))).ConfigureAwait(false);
        return pool.Instances.Zip(answers).ToDictionary(p => p.First.Url, p => p.Second);
    }

    /// <summary>The instances of <paramref name="pool"/> known to be unhealthy, each with why (an instance nothing can tell about is not counted).</summary>
    public async Task<IReadOnlyList<string>> UnhealthyAsync(PoolSnapshot pool, CancellationToken cancellationToken) =>
        [.. (await CheckAsync(pool, cancellationToken).ConfigureAwait(false)).Values.Where(h => h.Healthy == false).Select(h => h.Detail!)];

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

    private async Task<InstanceHealth> ProbeAsync(InstanceSnapshot instance, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var response = await service.Http.GetAsync(new Uri(new Uri(instance.Url), service.Contract.HealthPath), timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? InstanceHealth.Ok : InstanceHealth.Failing($"{instance.Url} answers {(int)response.StatusCode}");
        }
        catch (HttpRequestException ex)
        {
            return InstanceHealth.Failing($"{instance.Url} does not answer ({ex.Message})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return InstanceHealth.Failing($"{instance.Url} did not answer within {ProbeTimeout.TotalSeconds:0} s");
        }
    }
}
