using Runway.Phases;
using Runway.Processes;
using Serilog;

namespace Runway.Environments.Command;

/// <summary>An environment driven by the team's commands, with databases given as connection strings.</summary>
public static class CommandTopology
{
    /// <summary>Describes the environment; fails naming each missing setting.</summary>
    public static Topology Create(PipelineSettings settings, Action<ProcessResult> record, ILogger logger)
    {
        var missing = new[]
        {
            (settings.LedgerConnectionString, "--ledger-connection-string (RUNWAY_LEDGER_CONNECTION_STRING)"),
            (settings.DatabaseConnectionString, "--database-connection-string (RUNWAY_DATABASE_CONNECTION_STRING)"),
            (settings.ServiceToken, "--service-token (RUNWAY_SERVICE_TOKEN)"),
        }.Where(s => string.IsNullOrWhiteSpace(s.Item1)).Select(s => s.Item2).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"Environment {settings.Environment} is driven by commands and needs: {string.Join(", ", missing)}. Set them in the profile or the environment.");
        var environment = new CommandEnvironment(settings.Commands! with { Name = settings.Environment }, record, logger);
        return new Topology(settings.LedgerConnectionString!, settings.DatabaseConnectionString!, environment, Staging: null, settings.ServiceToken, _ => Task.CompletedTask,
            // The commands run with this process's environment: that is what the release's deployment gets.
            (_, name) => System.Environment.GetEnvironmentVariable(name));
    }
}
