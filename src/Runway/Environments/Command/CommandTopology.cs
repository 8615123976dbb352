using Runway.Phases;
using Runway.Processes;
using Runway.Service;
using Serilog;

namespace Runway.Environments.Command;

/// <summary>
/// An environment driven by the team's commands, with databases given as connection strings; staging, when its
/// database is given, is the same commands run with <c>RUNWAY_ENVIRONMENT=staging</c>.
/// </summary>
public static class CommandTopology
{
    /// <summary>The name staging's commands get as <c>RUNWAY_ENVIRONMENT</c>.</summary>
    public const string StagingName = "staging";

    /// <summary>
    /// Describes the environment, made by <paramref name="environment"/> from the commands; fails naming each missing
    /// setting. The service token is required only when the service contract says the service needs one.
    /// </summary>
    public static Topology Create(PipelineSettings settings, Action<ProcessResult> record, ILogger logger, Func<CommandEnvironmentOptions, bool, IEnvironmentProvider> environment)
    {
        var commands = settings.Commands ?? throw new InvalidOperationException(
            $"Environment {settings.Environment} runs pools with commands: set --deploy-pool-command, --remove-pool-command and --read-instances-command (and --set-weights-command unless a router is named).");
        var missing = new[]
        {
            (settings.LedgerConnectionString, "--ledger-connection-string (RUNWAY_LEDGER_CONNECTION_STRING)"),
            (settings.DatabaseConnectionString, "--database-connection-string (RUNWAY_DATABASE_CONNECTION_STRING)"),
            (NeedsToken(settings) ? settings.ServiceToken : "not needed", "--service-token (RUNWAY_SERVICE_TOKEN), because the service contract says auth: bearer"),
        }.Where(s => string.IsNullOrWhiteSpace(s.Item1)).Select(s => s.Item2).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Environment {settings.Environment} is driven by commands and needs: {string.Join(", ", missing)}. Set them in the profile or the environment.");
        var production = environment(commands with { Name = settings.Environment }, false);
        var staging = settings.StagingDatabaseConnectionString is { Length: > 0 } stagingDatabase
            ? new StagingTarget(environment(commands with { Name = StagingName }, true), stagingDatabase)
            : null;
        return new Topology(settings.LedgerConnectionString!, settings.DatabaseConnectionString!, production, staging,
            settings.ServiceToken, token => NothingToStopAsync(production, logger, token),
            // The commands run with this process's environment: that is what the release's deployment gets.
            (_, name) => System.Environment.GetEnvironmentVariable(name));
    }

    // The pools are the team's (its commands started them and they serve its users): Down stops none of them, and says
    // what runs and how to remove a pool instead of exiting silently.
    private static async Task NothingToStopAsync(IEnvironmentProvider environment, ILogger logger, CancellationToken cancellationToken)
    {
        var snapshot = await environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        logger.Information(
            "Nothing to stop in {Environment}: Runway started none of it. Its pools are run by your commands and serve its users: {Pools}. " +
            "To take a release away use ./build.sh Rollback, or your remove-pool command", environment.Name,
            snapshot.Pools.Count == 0 ? "none runs now" : string.Join(", ", snapshot.Pools.Select(p => $"{p.Release} at {p.Weight}% on {p.Instances.Count} instance(s)")));
    }

    // A token given is used; only a missing one makes the contract worth reading here.
    private static bool NeedsToken(PipelineSettings settings) =>
        string.IsNullOrWhiteSpace(settings.ServiceToken) && ServiceContractFile.Load(settings.Resolve(settings.Service.ServiceFile)).NeedsToken;
}
