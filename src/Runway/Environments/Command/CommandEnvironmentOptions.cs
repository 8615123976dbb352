namespace Runway.Environments.Command;

/// <summary>
/// The team's own commands for each action, run with <c>sh -c</c>. Each gets the action's values as arguments
/// (<c>$1</c>, <c>$2</c>) and as environment variables: <c>RUNWAY_ENVIRONMENT</c>, <c>RUNWAY_ACTION</c>,
/// <c>RUNWAY_RELEASE</c>, <c>RUNWAY_WEIGHTS</c> (e.g. <c>2.4.0=90,2.5.0=10</c>).
/// </summary>
public sealed record CommandEnvironmentOptions
{
    /// <summary>The environment's name.</summary>
    public required string Name { get; init; }

    /// <summary>Starts a pool: <c>$1</c> is the release. Must exit 0 once the pool is ready.</summary>
    public required string DeployPool { get; init; }

    /// <summary>Sets the traffic split: <c>$1</c> is the weights, e.g. <c>2.4.0=90,2.5.0=10</c>.</summary>
    public required string SetWeights { get; init; }

    /// <summary>Drains and removes a pool: <c>$1</c> is the release.</summary>
    public required string RemovePool { get; init; }

    /// <summary>Prints the environment as JSON: <c>{"url": "...", "pools": [{"release", "weight", "instances": [{"url"}]}]}</c>.</summary>
    public required string ReadInstances { get; init; }

    /// <summary>The folder the commands run in.</summary>
    public string? WorkingDirectory { get; init; }
}
