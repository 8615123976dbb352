using Runway.Processes;
using Serilog;

namespace Runway.Environments.Command;

/// <summary>
/// Pools run by the team's commands (deploy-pool, remove-pool, read-instances); traffic is another router's
/// (set-weights is not used, and read-instances' weights are ignored).
/// </summary>
public sealed class CommandPoolRuntime(CommandEnvironmentOptions options, Action<ProcessResult> record, ILogger logger) : IPoolRuntime
{
    private readonly CommandRunner _commands = new(options, record, logger);

    /// <inheritdoc />
    public string Name => options.Name;

    /// <inheritdoc />
    public async Task<RuntimePool> StartAsync(string release, CancellationToken cancellationToken)
    {
        await _commands.RunAsync("deploy-pool", options.DeployPool, release, new() { ["RUNWAY_RELEASE"] = release }, cancellationToken).ConfigureAwait(false);
        return (await ReadAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Release == release)
            ?? throw new InvalidOperationException($"The deploy-pool command for {release} succeeded, but read-instances lists no pool for {release} in {Name}.");
    }

    /// <inheritdoc />
    public Task StopAsync(string release, CancellationToken cancellationToken) =>
        _commands.RunAsync("remove-pool", options.RemovePool, release, new() { ["RUNWAY_RELEASE"] = release }, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<RuntimePool>> ReadAsync(CancellationToken cancellationToken) =>
        (await _commands.ReadAsync(cancellationToken).ConfigureAwait(false)).Pools.Select(p => new RuntimePool(p.Release, p.Instances)).ToList();
}
