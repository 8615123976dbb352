using Runway.Targets.Definitions;
using Runway.Targets.Logging;
using Runway.Targets.Output;
using Runway.Targets.Parameters;
using Runway.Targets.Planning;

namespace Runway.Targets.Running;

/// <summary>One run of a build: parse, bind, plan, execute, summarise. <see cref="BuildBase"/>'s Execute calls it with the real process surroundings.</summary>
internal sealed class BuildRunner(RunnerEnvironment environment)
{
    public async Task<int> RunAsync(Func<BuildBase> create, IReadOnlyList<string> defaultTargets, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        try
        {
            var commandLine = CommandLine.Parse(args);
            var options = EngineOptions.From(commandLine);
            var root = RootDirectoryLocator.Locate(options.Root, environment.WorkingDirectory);
            var build = create();
            if (options.Help) return Help(build, create(), defaultTargets);
            var bound = new ParameterBinder(root, environment.Variables, EngineOptions.Names).Bind(build, commandLine);
            var invoked = commandLine.Targets.Count > 0 ? commandLine.Targets : defaultTargets;
            var session = new BuildSession(build, bound, options, root, environment);
            return options.Plan ? session.ShowPlan(invoked) : await session.RunAsync(invoked, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ParameterException or PlanningException)
        {
            environment.Writer.WriteLine(error.Message);
            return ExitCodes.Invalid;
        }
    }

    private int Help(BuildBase build, BuildBase defaults, IReadOnlyList<string> defaultTargets)
    {
        var catalog = TargetCatalog.Discover(build);
        var parameters = ParameterDiscovery.Discover(build.GetType(), defaults);
        environment.Writer.Write(HelpText.Render(catalog, defaultTargets, parameters));
        return ExitCodes.Succeeded;
    }
}
