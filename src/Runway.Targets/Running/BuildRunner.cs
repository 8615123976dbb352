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
            if (options.Help) return Help(build, create(), commandLine, root, defaultTargets);
            var bound = Binder(root, build).Bind(build, commandLine);
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

    private ParameterBinder Binder(string root, BuildBase build) =>
        new(root, environment.Variables, EngineOptions.Names, build.AcceptedVariables);

    // Help binds as the run would, so each default shown is the value this command line runs with (the profile's, not the
    // code's). Input that would stop the run still gets the help, with the code's defaults (binding changed nothing), then the error.
    private int Help(BuildBase build, BuildBase effective, CommandLine commandLine, string root, IReadOnlyList<string> defaultTargets)
    {
        IReadOnlyDictionary<string, string> sources = new Dictionary<string, string>();
        ParameterException? error = null;
        try
        {
            sources = HelpSources.Of(Binder(root, effective).Bind(effective, commandLine));
        }
        catch (ParameterException refused)
        {
            error = refused;
        }

        var parameters = ParameterDiscovery.Discover(effective.GetType(), effective);
        environment.Writer.Write(HelpText.Render(TargetCatalog.Discover(build), defaultTargets, parameters, sources, build.DefaultProfiles));
        if (error is null) return ExitCodes.Succeeded;
        environment.ErrorWriter.WriteLine($"{error.Message}\nThe defaults above are the code's, as this error stops every run with these inputs.");
        return ExitCodes.Invalid;
    }
}
