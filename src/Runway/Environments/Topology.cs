namespace Runway.Environments;

/// <summary>A stand-in for production where a release is tried first: its environment and its database.</summary>
public sealed record StagingTarget(IEnvironmentProvider Environment, string DatabaseConnectionString);

/// <summary>
/// What a profile deploys with: the ledger, the environment's database and provider, and staging. The local
/// topology makes all of them on this machine; others are given connection strings and commands.
/// </summary>
/// <param name="LedgerConnectionString">The ledger database.</param>
/// <param name="DatabaseConnectionString">The environment's application database.</param>
/// <param name="Environment">Where releases run.</param>
/// <param name="Staging">Where a release is tried first, if anywhere.</param>
/// <param name="ServiceToken">A bearer token for the service's API, for probes and load.</param>
/// <param name="Down">Stops whatever the topology started (local processes); nothing elsewhere.</param>
/// <param name="ServiceVariable">The value a release's process gets for an environment variable (null: unset).</param>
public sealed record Topology(
    string LedgerConnectionString,
    string DatabaseConnectionString,
    IEnvironmentProvider Environment,
    StagingTarget? Staging,
    string? ServiceToken,
    Func<CancellationToken, Task> Down,
    Func<string, string, string?> ServiceVariable);
