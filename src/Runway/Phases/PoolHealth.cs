using Runway.Canary;
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
/// <param name="time">The clock the wait for replaced instances is measured on; the system's when null.</param>
public sealed class PoolHealth(IEnvironmentProvider environment, ServiceAccess service, IInstanceHealthSource? reported, Serilog.ILogger logger,
    TimeProvider? time = null)
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromMilliseconds(250);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>How long replaced instances have to become healthy before the pool is given up on (default 2 minutes).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(2);

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
    /// Replaces the unhealthy instances of <paramref name="release"/>'s pool (the environment restarts what is gone),
    /// waits until every instance is healthy, and says what it found; an empty list when every instance was healthy.
    /// </summary>
    /// <exception cref="UnhealthyPoolException">Instances are still unhealthy after <see cref="ReadyTimeout"/>: the pool
    /// the environment has is not one anything may be judged against.</exception>
    public async Task<IReadOnlyList<string>> ReplaceUnhealthyAsync(string release, string role, CancellationToken cancellationToken)
    {
        var pool = (await environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Pool(release);
        if (pool is null) return [];
        var unhealthy = await UnhealthyAsync(pool, cancellationToken).ConfigureAwait(false);
        if (unhealthy.Count == 0) return [];
        logger.Warning("The {Role} {Release} has {Unhealthy} of {Instances} instances unhealthy ({Details}): replacing them",
            role, release, unhealthy.Count, pool.Instances.Count, string.Join("; ", unhealthy));
        await environment.DeployPoolAsync(release, cancellationToken).ConfigureAwait(false);
        // A runtime replaces only what is gone: one that answers but is not ready (a lost database connection, a hang)
        // may recover or may not, so the bake waits for it rather than judging the canary against it.
        if (await StillUnhealthyAsync(release, cancellationToken).ConfigureAwait(false) is { Count: > 0 } still)
            throw new UnhealthyPoolException(
                $"The {role} {release} still has {still.Count} of {pool.Instances.Count} instances unhealthy after Runway asked the environment to replace them " +
                $"({string.Join("; ", still)}), {HumanDuration.Format(ReadyTimeout)} later: the canary is not judged against it. Find why in the instances' logs, " +
                "restart them (locally: ./build.sh Down, then run again), or take traffic back with ./build.sh Rollback.");
        return unhealthy;
    }

    private async Task<IReadOnlyList<string>> StillUnhealthyAsync(string release, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + ReadyTimeout;
        while (true)
        {
            var pool = (await environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Pool(release);
            var unhealthy = pool is null ? [] : await UnhealthyAsync(pool, cancellationToken).ConfigureAwait(false);
            if (unhealthy.Count == 0 || _time.GetUtcNow() >= deadline) return unhealthy;
            await Task.Delay(ProbeEvery, _time, cancellationToken).ConfigureAwait(false);
        }
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

/// <summary>A pool's instances stayed unhealthy after the environment was asked to replace them; the message names each and the fix.</summary>
public sealed class UnhealthyPoolException(string message) : InvalidOperationException(message);
