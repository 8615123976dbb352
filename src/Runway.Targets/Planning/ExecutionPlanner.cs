using Runway.Targets.Definitions;
using Runway.Targets.Parameters;

namespace Runway.Targets.Planning;

/// <summary>Schedules the invoked targets with their dependencies and triggers, ordered topologically (ties keep declaration order).</summary>
internal static class ExecutionPlanner
{
    public static ExecutionPlan Plan(TargetCatalog catalog, IReadOnlyList<string> invoked, IReadOnlyList<string>? skip)
    {
        CycleFinder.ThrowIfCyclic(catalog);
        var roots = invoked.Select(name => Resolve(catalog, name)).ToList();
        var scheduled = Schedule(catalog, roots);
        var ordered = Order(catalog, scheduled);
        var rootNames = roots.Select(n => n.Name).ToList();
        var skips = StaticSkips.Evaluate(catalog, ordered, rootNames, SkippedByOption(catalog, ordered, rootNames, skip));
        return new ExecutionPlan(ordered, rootNames, skips);
    }

    public static TargetNode Resolve(TargetCatalog catalog, string name)
    {
        if (catalog.TryFind(name, out var node)) return node;
        var nearest = NameSuggestions.Nearest(name, catalog.Nodes.Select(n => n.Name));
        var hint = nearest.Count > 0 ? $" Did you mean {string.Join(", ", nearest)}?" : "";
        throw new PlanningException($"Target '{name}' is not defined.{hint} Run with --help to list the targets.");
    }

    private static HashSet<string> Schedule(TargetCatalog catalog, IEnumerable<TargetNode> roots)
    {
        var scheduled = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<TargetNode>(roots);
        while (pending.TryPop(out var node))
        {
            if (!scheduled.Add(node.Name)) continue;
            foreach (var next in node.Dependencies.Concat(node.Triggered)) pending.Push(catalog[next]);
        }
        return scheduled;
    }

    private static List<TargetNode> Order(TargetCatalog catalog, HashSet<string> scheduled)
    {
        var remaining = catalog.Nodes.Where(n => scheduled.Contains(n.Name)).ToList();
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = new List<TargetNode>();
        while (remaining.Count > 0)
        {
            // The catalog is acyclic, so some target always has every scheduled predecessor done.
            var next = remaining.First(n => n.RunsAfter.All(b => done.Contains(b) || !scheduled.Contains(b)));
            remaining.Remove(next);
            done.Add(next.Name);
            ordered.Add(next);
        }
        return ordered;
    }

    private static Dictionary<string, string> SkippedByOption(TargetCatalog catalog, List<TargetNode> ordered, List<string> roots, IReadOnlyList<string>? skip)
    {
        if (skip is null) return [];
        var names = skip.Count == 0
            ? ordered.Select(n => n.Name).Where(n => !roots.Contains(n))
            : skip.Select(s => Resolve(catalog, s).Name);
        return names.ToDictionary(n => n, _ => "--skip", StringComparer.OrdinalIgnoreCase);
    }
}
