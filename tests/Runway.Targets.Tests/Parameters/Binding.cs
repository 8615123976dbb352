using Runway.Targets.Parameters;

namespace Runway.Targets.Tests.Parameters;

/// <summary>Binds a <see cref="SampleBuild"/> the way the engine will.</summary>
internal static class Binding
{
    public static readonly IReadOnlySet<string> EngineOptions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "help", "plan", "skip", "profile", "root", "verbosity" };

    public static (SampleBuild Build, BoundParameters Bound) Bind(
        TempRoot root, string[] args, Dictionary<string, string>? environment = null)
    {
        var build = new SampleBuild();
        var binder = new ParameterBinder(root.Path, environment ?? [], EngineOptions);
        return (build, binder.Bind(build, CommandLine.Parse(args)));
    }

    public static ParameterException Fails(TempRoot root, string[] args, Dictionary<string, string>? environment = null) =>
        Shouldly.Should.Throw<ParameterException>(() => Bind(root, args, environment));
}
