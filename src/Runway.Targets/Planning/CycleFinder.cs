using Runway.Targets.Definitions;

namespace Runway.Targets.Planning;

/// <summary>Finds an ordering cycle among all declared targets, so a bad declaration fails before anything runs.</summary>
internal static class CycleFinder
{
    public static void ThrowIfCyclic(TargetCatalog catalog)
    {
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // false = on the stack, true = done
        var path = new List<string>();
        foreach (var node in catalog.Nodes)
        {
            if (Visit(catalog, node.Name, state, path) is { } cycle)
                throw new PlanningException(
                    $"The targets form a cycle: {string.Join(" → ", cycle)} (each must run after the next). Remove one of the DependsOn/DependentFor/After/Before/Triggers/TriggeredBy links between them.");
        }
    }

    // Each edge points from a target to one that must run before it; a back edge closes a cycle.
    private static List<string>? Visit(TargetCatalog catalog, string name, Dictionary<string, bool> state, List<string> path)
    {
        if (state.TryGetValue(name, out var done))
            return done ? null : path.Skip(path.IndexOf(name)).Append(name).ToList();
        state[name] = false;
        path.Add(name);
        foreach (var before in catalog[name].RunsAfter)
        {
            if (Visit(catalog, before, state, path) is { } cycle) return cycle;
        }
        path.RemoveAt(path.Count - 1);
        state[name] = true;
        return null;
    }
}
