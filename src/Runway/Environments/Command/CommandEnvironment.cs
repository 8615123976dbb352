using Runway.Processes;
using Serilog;

namespace Runway.Environments.Command;

/// <summary>
/// An environment driven by the team's own scripts: every action, traffic included, is a command from the profile.
/// Each run's exit code and output go to <paramref name="record"/>; a non-zero exit fails.
/// </summary>
public sealed class CommandEnvironment(CommandEnvironmentOptions options, Action<ProcessResult> record, ILogger logger) : IEnvironmentProvider
{
    private readonly CommandRunner _commands = new(options, record, logger);

    /// <inheritdoc />
    public string Name => options.Name;

    /// <inheritdoc />
    public async Task<PoolSnapshot> DeployPoolAsync(string release, CancellationToken cancellationToken)
    {
        await _commands.RunAsync("deploy-pool", options.DeployPool, release, new() { ["RUNWAY_RELEASE"] = release }, cancellationToken).ConfigureAwait(false);
        var snapshot = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.Pool(release)
            ?? throw new InvalidOperationException($"The deploy command for {release} succeeded, but the read command lists no pool for {release} in {Name}.");
    }

    /// <inheritdoc />
    public Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        var text = string.Join(',', weights.Select(w => $"{w.Key}={w.Value}"));
        return _commands.RunAsync("set-weights", options.SetWeights, text, new() { ["RUNWAY_WEIGHTS"] = text }, cancellationToken);
    }

    /// <inheritdoc />
    public Task RemovePoolAsync(string release, CancellationToken cancellationToken) =>
        _commands.RunAsync("remove-pool", options.RemovePool, release, new() { ["RUNWAY_RELEASE"] = release }, cancellationToken);

    /// <inheritdoc />
    public Task<EnvironmentSnapshot> ReadAsync(CancellationToken cancellationToken) => _commands.ReadAsync(cancellationToken);
}
