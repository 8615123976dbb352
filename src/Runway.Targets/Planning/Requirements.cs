using System.Linq.Expressions;
using Runway.Targets.Definitions;
using Runway.Targets.Parameters;

namespace Runway.Targets.Planning;

/// <summary>
/// Checks, before anything runs, every <c>[Required]</c> parameter and every scheduled, not skipped target's
/// <c>Requires</c>: parameters must be set, boolean conditions must hold (as in Nuke).
/// </summary>
internal static class Requirements
{
    public static void ThrowIfMissing(ExecutionPlan plan, IReadOnlyList<ParameterDescriptor> parameters, object build)
    {
        var live = plan.Targets.Where(n => plan.SkipReason(n.Name) is null).ToList();
        var required = live.Count == 0 ? [] : parameters
            .Where(p => p.IsRequired && IsMissing(p.GetValue(build)))
            .Select(p => $"Parameter {p.MemberName} is [Required] but not set. {HowToSet(p.MemberName, parameters)}");
        var missing = live
            .SelectMany(n => n.Definition.Requirements.Select(r => (Target: n.Name, Parameter: RequiredParameter.From(r))))
            .Where(x => x.Parameter.IsMissing())
            .Select(x => $"{x.Target} requires parameter {x.Parameter.MemberName}, which is not set. {HowToSet(x.Parameter.MemberName, parameters)}");
        var unmet = live
            .SelectMany(n => n.Definition.Conditions.Select(c => (Target: n.Name, Condition: c)))
            .Where(x => !x.Condition.Compile()())
            .Select(x => $"{x.Target} requires {Describe(x.Condition)}, which is false.");
        var problems = required.Concat(missing).Concat(unmet).Distinct().ToList();
        if (problems.Count > 0) throw new PlanningException(string.Join("\n", problems));
    }

    private static bool IsMissing(object? value) => value is null || (value is string text && string.IsNullOrWhiteSpace(text));

    private static string HowToSet(string member, IReadOnlyList<ParameterDescriptor> parameters)
    {
        var descriptor = parameters.FirstOrDefault(p => p.MemberName == member);
        var cli = descriptor?.CliName ?? ParameterNames.Kebab(member);
        var env = descriptor?.EnvironmentName ?? ParameterNames.Environment(member);
        var json = descriptor?.JsonName ?? ParameterNames.Pascal(member);
        return $"Pass --{cli} <value>, set {env}, or add \"{json}\" to .nuke/parameters.json.";
    }

    private static string Describe(Expression<Func<bool>> condition) => ConditionText.Of(condition.Body);
}
