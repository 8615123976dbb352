using System.Text.Json;
using Runway.Processes;
using Serilog;

namespace Runway.Environments.Command;

/// <summary>
/// An environment driven by the team's own scripts: every action is a command from the profile. Each run's exit
/// code and output go to <paramref name="record"/> (the phase records them in the ledger); a non-zero exit fails.
/// </summary>
public sealed class CommandEnvironment(CommandEnvironmentOptions options, Action<ProcessResult> record, ILogger logger) : IEnvironmentProvider
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public string Name => options.Name;

    /// <inheritdoc />
    public async Task<PoolSnapshot> DeployPoolAsync(string release, CancellationToken cancellationToken)
    {
        await RunAsync("deploy-pool", options.DeployPool, release, new() { ["RUNWAY_RELEASE"] = release }, cancellationToken).ConfigureAwait(false);
        var snapshot = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return snapshot.Pool(release)
            ?? throw new InvalidOperationException($"The deploy command for {release} succeeded, but the read command lists no pool for {release} in {Name}.");
    }

    /// <inheritdoc />
    public Task SetWeightsAsync(IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        var text = string.Join(',', weights.Select(w => $"{w.Key}={w.Value}"));
        return RunAsync("set-weights", options.SetWeights, text, new() { ["RUNWAY_WEIGHTS"] = text }, cancellationToken);
    }

    /// <inheritdoc />
    public Task RemovePoolAsync(string release, CancellationToken cancellationToken) =>
        RunAsync("remove-pool", options.RemovePool, release, new() { ["RUNWAY_RELEASE"] = release }, cancellationToken);

    /// <inheritdoc />
    public async Task<EnvironmentSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync("read-instances", options.ReadInstances, "", [], cancellationToken).ConfigureAwait(false);
        try
        {
            var read = JsonSerializer.Deserialize<ReadOutput>(output, Json) ?? throw new JsonException("empty output");
            return new EnvironmentSnapshot(Name, read.Url, read.Pools.Select(p =>
                new PoolSnapshot(p.Release, p.Weight, p.Instances.Select(i => new InstanceSnapshot(i.Url, null)).ToList())).ToList());
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"The read-instances command of {Name} printed no valid JSON ({ex.Message}). It must print {{\"url\": \"…\", \"pools\": [{{\"release\": \"…\", \"weight\": 100, \"instances\": [{{\"url\": \"…\"}}]}}]}}.", ex);
        }
    }

    private async Task<string> RunAsync(string action, string command, string argument, Dictionary<string, string> variables, CancellationToken cancellationToken)
    {
        variables["RUNWAY_ENVIRONMENT"] = Name;
        variables["RUNWAY_ACTION"] = action;
        var spec = new ProcessSpec("sh", ["-c", command, "runway", argument]) { WorkingDirectory = options.WorkingDirectory, Environment = variables };
        logger.Information("Running the {Action} command of {Environment}", action, Name);
        var result = await ProcessRunner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        record(result);
        if (!result.Succeeded)
            throw new InvalidOperationException(
                $"The {action} command of environment {Name} exited with code {result.ExitCode}: {result.StandardError.Trim()}. Fix the command in the profile, or the system it drives, and rerun.");
        return result.StandardOutput;
    }

    private sealed record ReadOutput(string? Url, IReadOnlyList<ReadPool> Pools);

    private sealed record ReadPool(string Release, int Weight, IReadOnlyList<ReadInstance> Instances);

    private sealed record ReadInstance(string Url);
}
