namespace Runway.Environments.Command;

/// <summary>
/// Traffic split by the team's set-weights command, read back from what read-instances prints. A pool joins the split
/// through the weights alone, and the remove-pool command drains it (the command contract), so adding and draining
/// ask nothing of the router here.
/// </summary>
public sealed class CommandTrafficRouter(CommandRunner commands, CommandEnvironmentOptions options) : ITrafficRouter
{
    private string? _url;

    /// <summary>The URL read-instances printed last (the router answers it with the weights).</summary>
    public string? Url => _url;

    /// <inheritdoc />
    public Task AddAsync(RuntimePool pool, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, IReadOnlyList<RuntimePool> pools, CancellationToken cancellationToken)
    {
        var text = string.Join(',', weights.Select(w => $"{w.Key}={w.Value}"));
        return commands.RunAsync("set-weights", options.SetWeights, text, new() { ["RUNWAY_WEIGHTS"] = text }, cancellationToken);
    }

    /// <inheritdoc />
    public Task DrainAsync(RuntimePool pool, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> ReadWeightsAsync(IReadOnlyList<RuntimePool> pools, CancellationToken cancellationToken)
    {
        var read = await commands.ReadAsync(cancellationToken).ConfigureAwait(false);
        _url = read.Url;
        return read.Pools.ToDictionary(p => p.Release, p => p.Weight);
    }
}
