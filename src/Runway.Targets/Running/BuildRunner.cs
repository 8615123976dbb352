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
        BuildBase.CurrentVariables.Value = environment.Variables;
        try
        {
            var build = create();
            var commandLine = Resolve(build, CommandLine.Parse(args));
            var options = EngineOptions.From(commandLine);
            var root = RootDirectoryLocator.Locate(options.Root, environment.WorkingDirectory);
            if (options.Help) return Help(build, create(), defaultTargets);
            var bound = new ParameterBinder(root, environment.Variables, EngineOptions.Names, build.AcceptedVariables).Bind(build, commandLine);
            var invoked = commandLine.Targets.Count > 0 ? commandLine.Targets : defaultTargets;
            var session = new BuildSession(build, bound, options, root, environment);
            return options.Plan ? session.ShowPlan(invoked) : await session.RunAsync(invoked, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is ParameterException or PlanningException)
        {
            environment.ErrorWriter.WriteLine(error.Message);
            return ExitCodes.Invalid;
        }
    }

    // Which words are targets depends on the build's targets and on which of its parameters are flags.
    private static CommandLine Resolve(BuildBase build, CommandLine raw)
    {
        var targets = TargetCatalog.TargetProperties(build.GetType()).Select(p => p.Name).ToList();
        var flags = ParameterDiscovery.Discover(build.GetType(), build)
            .Where(p => !p.Type.IsArray && ParameterTypes.Scalar(p.Type) == typeof(bool))
            .Select(p => p.CliName)
            .Concat(EngineOptions.Flags)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new ArgumentResolver(targets, flags, EngineOptions.TargetLists).Resolve(raw);
    }

    private int Help(BuildBase build, BuildBase defaults, IReadOnlyList<string> defaultTargets)
    {
        var catalog = TargetCatalog.Discover(build);
        var parameters = ParameterDiscovery.Discover(build.GetType(), defaults);
        environment.Writer.Write(HelpText.Render(catalog, defaultTargets, parameters, build.DefaultProfiles));
        return ExitCodes.Succeeded;
    }
}
