using Runway.Targets.Definitions;
using Runway.Targets.Parameters;

namespace Runway.Targets.Planning;

/// <summary>Checks every scheduled, not skipped target's <c>Requires</c> before anything runs.</summary>
internal static class Requirements
{
    public static void ThrowIfMissing(ExecutionPlan plan, IReadOnlyList<ParameterDescriptor> parameters)
    {
        var missing = plan.Targets
            .Where(n => plan.SkipReason(n.Name) is null)
            .SelectMany(n => n.Definition.Requirements.Select(r => (Target: n.Name, Parameter: RequiredParameter.From(r))))
            .Where(x => x.Parameter.IsMissing())
            .Select(x => Describe(x.Target, x.Parameter.MemberName, parameters))
            .Distinct()
            .ToList();
        if (missing.Count > 0) throw new PlanningException(string.Join("\n", missing));
    }

    private static string Describe(string target, string member, IReadOnlyList<ParameterDescriptor> parameters)
    {
        var descriptor = parameters.FirstOrDefault(p => p.MemberName == member);
        var cli = descriptor?.CliName ?? Kebab(member);
        var env = descriptor?.EnvironmentName ?? "RUNWAY_" + cli.Replace('-', '_').ToUpperInvariant();
        return $"{target} requires parameter {member}, which is not set. Pass --{cli} <value>, set {env}, or add \"{member}\" to .nuke/parameters.json.";
    }

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
}
