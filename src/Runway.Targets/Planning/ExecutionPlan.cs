using Runway.Targets.Definitions;

namespace Runway.Targets.Planning;

/// <summary>The scheduled targets in execution order, with the ones skipped before anything runs and why.</summary>
internal sealed record ExecutionPlan(IReadOnlyList<TargetNode> Targets, IReadOnlyList<string> Invoked, IReadOnlyDictionary<string, string> StaticSkips)
{
    public bool IsInvoked(string name) => Invoked.Contains(name, StringComparer.OrdinalIgnoreCase);

    public string? SkipReason(string name) => StaticSkips.GetValueOrDefault(name);
}
