using Runway.Processes;
using Serilog;

namespace Runway.Environments.Command;

/// <summary>
/// An environment driven by the team's own scripts: every action, traffic included, is a command from the profile.
/// Each run's exit code and output go to <c>record</c>; a non-zero exit fails.
/// </summary>
public static class CommandEnvironment
{
    /// <summary>The team's pool commands composed with their set-weights command.</summary>
    public static ComposedEnvironment Create(CommandEnvironmentOptions options, Action<ProcessResult> record, ILogger logger)
    {
        var commands = new CommandRunner(options, record, logger);
        return new ComposedEnvironment(new CommandPoolRuntime(commands, options), new CommandTrafficRouter(commands, options));
    }
}
