using Runway.Targets.Definitions;

namespace Runway.Targets.Planning;

/// <summary>Evaluates OnlyWhenStatic conditions before anything runs and applies WhenSkipped(DependencyBehavior.Skip).</summary>
internal static class StaticSkips
{
    public static Dictionary<string, string> Evaluate(TargetCatalog catalog, List<TargetNode> ordered, List<string> roots, Dictionary<string, string> skipped)
    {
        var skipsDependencies = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var node in ordered.Where(n => !skipped.ContainsKey(n.Name)))
        {
            if (node.Definition.StaticConditions.All(condition => condition())) continue;
            skipped[node.Name] = "condition false";
            if (node.Definition.SkipBehavior == DependencyBehavior.Skip) skipsDependencies.Add(node.Name);
        }
        // Later targets depend on earlier ones, so walking backwards settles chains of dependencies in one pass.
        for (var i = ordered.Count - 1; i >= 0; i--)
        {
            var node = ordered[i];
            if (skipped.ContainsKey(node.Name) || roots.Contains(node.Name)) continue;
            var dependents = ordered.Where(n => n.Dependencies.Contains(node.Name, StringComparer.OrdinalIgnoreCase)).ToList();
            var skipper = dependents.FirstOrDefault(n => skipsDependencies.Contains(n.Name));
            if (skipper is null || !dependents.All(n => skipped.ContainsKey(n.Name))) continue;
            skipped[node.Name] = $"dependency of skipped {skipper.Name}";
            skipsDependencies.Add(node.Name);
        }
        return skipped;
    }
}
