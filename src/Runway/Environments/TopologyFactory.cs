using Runway.Environments.Command;
using Runway.Environments.HAProxy;
using Runway.Environments.Local;
using Runway.Phases;
using Runway.Processes;
using Serilog;

namespace Runway.Environments;

/// <summary>
/// Makes the topology a profile names: a pool runtime (where releases run) and a traffic router (how traffic is split
/// between them). <c>local</c>/<c>local</c> is Runway's own demo environment; <c>commands</c>/<c>commands</c> the team's
/// four scripts; <c>commands</c>/<c>haproxy</c> the team's scripts for pools with HAProxy's runtime API for traffic.
/// </summary>
public static class TopologyFactory
{
    /// <summary>The (runtime, router) pairs a profile may name.</summary>
    public static IReadOnlyList<(string Runtime, string Router)> Kinds { get; } = [("local", "local"), ("commands", "commands"), ("commands", "haproxy")];

    /// <summary>Makes the topology; locally this starts (or reuses) the cluster.</summary>
    /// <exception cref="InvalidOperationException">The names are unknown, or a setting they need is missing.</exception>
    public static async Task<Topology> CreateAsync(PipelineSettings settings, HttpClient http, Action<ProcessResult> record, ILogger logger, CancellationToken cancellationToken)
    {
        var (runtime, router) = Kind(settings);
        return (runtime, router) switch
        {
            ("local", "local") => await LocalTopology.CreateAsync(settings, http, TimeProvider.System, logger, cancellationToken).ConfigureAwait(false),
            ("commands", "commands") => CommandTopology.Create(settings, record, logger, (commands, _) => CommandEnvironment.Create(commands, record, logger)),
            ("commands", "haproxy") => CommandTopology.Create(settings, record, logger, (commands, staging) =>
                new ComposedEnvironment(new CommandPoolRuntime(new CommandRunner(commands, record, logger), commands), HAProxyRouters.Create(settings, logger, staging))),
            _ => throw new InvalidOperationException(
                $"The profile names pool runtime '{runtime}' with traffic router '{router}'; use one of {string.Join(", ", Kinds.Select(k => $"{k.Runtime}/{k.Router}"))} (PoolRuntime, TrafficRouter in the profile)."),
        };
    }

    /// <summary>The (runtime, router) the settings name, defaults filled in.</summary>
    public static (string Runtime, string Router) Kind(PipelineSettings settings)
    {
        var runtime = settings.Service.PoolRuntime ?? (settings.Commands is null ? "local" : "commands");
        return (runtime, settings.Service.TrafficRouter ?? runtime);
    }
}
