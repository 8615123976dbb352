namespace Runway.Environments.Command;

/// <summary>
/// Pools run by the team's commands (deploy-pool, remove-pool, read-instances); the weights read-instances prints are
/// the router's to tell (<see cref="CommandTrafficRouter"/>, or HAProxy's own).
/// </summary>
/// <remarks>
/// Instance health, for profiles whose instances this runner cannot reach, is what read-instances prints with each
/// instance (<c>"healthy": false, "problem": "…"</c>); an instance printed without it is of unknown health.
/// </remarks>
public sealed class CommandPoolRuntime(CommandRunner commands, CommandEnvironmentOptions options) : IPoolRuntime, IInstanceHealthSource
{
    /// <inheritdoc />
    public string Name => options.Name;

    /// <inheritdoc />
    public async Task<RuntimePool> StartAsync(string release, CancellationToken cancellationToken)
    {
        await commands.RunAsync("deploy-pool", options.DeployPool, release, new() { ["RUNWAY_RELEASE"] = release }, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Release == release)
            ?? throw new InvalidOperationException($"The deploy-pool command for {release} succeeded, but read-instances lists no pool for {release} in {Name}.");
    }

    /// <inheritdoc />
    public Task StopAsync(string release, CancellationToken cancellationToken) =>
        commands.RunAsync("remove-pool", options.RemovePool, release, new() { ["RUNWAY_RELEASE"] = release }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RuntimePool>> ReadAsync(CancellationToken cancellationToken) =>
        (await commands.ReadAsync(cancellationToken).ConfigureAwait(false)).Pools.Select(p => new RuntimePool(p.Release, p.Instances)).ToList();

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, InstanceHealth>> HealthAsync(RuntimePool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        var read = (await ReadAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Release == pool.Release)?.Instances ?? [];
        return pool.Instances.ToDictionary(i => i.Url, i => read.FirstOrDefault(r => r.Url == i.Url) is { } instance
            ? instance.Health ?? InstanceHealth.Unknown($"read-instances prints no \"healthy\" for {i.Url}: add \"healthy\": true|false (and \"problem\") to each instance")
            : InstanceHealth.Failing($"{i.Url} is no longer listed by read-instances"));
    }
}
