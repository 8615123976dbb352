using System.Text.Json;
using Runway.Processes;
using Serilog;

namespace Runway.Environments.Command;

/// <summary>
/// Runs one of the team's commands with <c>sh -c</c>: the action's value as <c>$1</c> and as variables, the run's exit
/// code and output to <paramref name="record"/> (the phase records them in the ledger); a non-zero exit fails.
/// </summary>
public sealed class CommandRunner(CommandEnvironmentOptions options, Action<ProcessResult> record, ILogger logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The commands' environment.</summary>
    public string Name => options.Name;

    /// <summary>Runs <paramref name="command"/> for <paramref name="action"/> and returns what it printed.</summary>
    /// <exception cref="InvalidOperationException">The command exited non-zero; the message names the action and the fix.</exception>
    public async Task<string> RunAsync(string action, string command, string argument, Dictionary<string, string> variables, CancellationToken cancellationToken)
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

    /// <summary>Runs read-instances and parses what it printed.</summary>
    public async Task<EnvironmentSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var output = await RunAsync("read-instances", options.ReadInstances, "", [], cancellationToken).ConfigureAwait(false);
        try
        {
            var read = JsonSerializer.Deserialize<ReadOutput>(output, Json) ?? throw new JsonException("empty output");
            return new EnvironmentSnapshot(Name, read.Url, (read.Pools ?? []).Select(p =>
                new PoolSnapshot(p.Release, p.Weight, (p.Instances ?? []).Select(i => new InstanceSnapshot(i.Url, null, Health(i))).ToList())).ToList());
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"The read-instances command of {Name} printed no valid JSON ({ex.Message}). It must print {{\"url\": \"…\", \"pools\": [{{\"release\": \"…\", \"weight\": 100, \"instances\": [{{\"url\": \"…\"}}]}}]}}.", ex);
        }
    }

    private sealed record ReadOutput(string? Url, IReadOnlyList<ReadPool>? Pools);

    private sealed record ReadPool(string Release, int Weight, IReadOnlyList<ReadInstance>? Instances);

    // "healthy" is optional: a runtime that knows (a platform's readiness, a host's check) says so for each instance.
    private static InstanceHealth? Health(ReadInstance instance) => instance.Healthy switch
    {
        true => InstanceHealth.Ok,
        false => InstanceHealth.Failing($"{instance.Url}: {instance.Problem ?? "read-instances reports it unhealthy"}"),
        null => null,
    };

    private sealed record ReadInstance(string Url, bool? Healthy, string? Problem);
}
