using Runway.Environments.Command;
using Runway.Targets;

/// <summary>Parameters of an environment driven by the team's own scripts (set all four to use it).</summary>
sealed partial class Build
{
    [Parameter("Command that starts a pool of a release ($1: the release); exits 0 once it is ready")]
    readonly string? DeployPoolCommand = null;

    [Parameter("Command that sets the traffic split ($1: e.g. 2.4.0=90,2.5.0=10)")]
    readonly string? SetWeightsCommand = null;

    [Parameter("Command that drains and removes a pool ($1: the release)")]
    readonly string? RemovePoolCommand = null;

    [Parameter("Command that prints the environment as JSON: {url, pools: [{release, weight, instances: [{url}]}]}")]
    readonly string? ReadInstancesCommand = null;

    CommandEnvironmentOptions? Commands
    {
        get
        {
            string?[] all = [DeployPoolCommand, SetWeightsCommand, RemovePoolCommand, ReadInstancesCommand];
            if (all.All(string.IsNullOrWhiteSpace)) return null;
            // A named router (e.g. haproxy) sets the weights itself: the set-weights command is then not needed.
            string?[] needed = Blank(TrafficRouter) is null or "commands" ? all : [DeployPoolCommand, RemovePoolCommand, ReadInstancesCommand];
            if (needed.Any(string.IsNullOrWhiteSpace))
                throw new InvalidOperationException(Blank(TrafficRouter) is null or "commands"
                    ? "An environment driven by commands needs all four: --deploy-pool-command, --set-weights-command, --remove-pool-command, --read-instances-command."
                    : "Pools run by commands need three: --deploy-pool-command, --remove-pool-command, --read-instances-command.");
            return new CommandEnvironmentOptions
            {
                Name = Environment,
                DeployPool = DeployPoolCommand!,
                SetWeights = SetWeightsCommand ?? "",
                RemovePool = RemovePoolCommand!,
                ReadInstances = ReadInstancesCommand!,
                WorkingDirectory = RootDirectory,
            };
        }
    }
}
