namespace Runway.Environments.Command;

/// <summary>
/// Pools run by the team's commands (deploy-pool, remove-pool, read-instances); the weights read-instances prints are
/// the router's to tell (<see cref="CommandTrafficRouter"/>, or HAProxy's own).
/// </summary>
public sealed class CommandPoolRuntime(CommandRunner commands, CommandEnvironmentOptions options) : IPoolRuntime
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
}
