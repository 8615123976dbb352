using Runway.Targets.Parameters;

namespace Runway.Tests.Adoption;

/// <summary>
/// Binds Runway's real <c>Build</c> as <c>./build.sh</c> does (same engine options, no environment), against the
/// parameter files under a root, so a test sees which value each parameter gets and from which file.
/// </summary>
internal static class ProfileBinding
{
    private static readonly HashSet<string> EngineOptions =
        new(["help", "plan", "skip", "verbosity", "no-logo", "profile", "root", "target"], StringComparer.OrdinalIgnoreCase);

    public static (Build Build, BoundParameters Bound) Bind(string root, params string[] arguments)
    {
        var build = new Build();
        var bound = new ParameterBinder(root, new Dictionary<string, string>(), EngineOptions).Bind(build, CommandLine.Parse(arguments));
        return (build, bound);
    }

    /// <summary>The bound value of the parameter whose member is <paramref name="member"/>.</summary>
    public static object? Value(this (Build Build, BoundParameters Bound) binding, string member) =>
        binding.Bound.Parameters.Single(p => p.MemberName == member).GetValue(binding.Build);

    /// <summary>Where the parameter got its value, e.g. <c>Version in .nuke/parameters.local.json</c>; null for the default.</summary>
    public static string? Origin(this (Build Build, BoundParameters Bound) binding, string member) =>
        binding.Bound.Origins is { } origins && origins.TryGetValue(member, out var origin) ? origin : null;
}
