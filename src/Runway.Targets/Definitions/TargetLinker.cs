using System.Reflection;

namespace Runway.Targets.Definitions;

/// <summary>Turns the delegates a definition refers to into names and normalises every edge.</summary>
internal sealed class TargetLinker(TargetCatalog catalog, IReadOnlyDictionary<MethodInfo, string> namesByMethod)
{
    public void Link()
    {
        foreach (var node in catalog.Nodes)
        {
            var d = node.Definition;
            AddAll(node.Dependencies, Names(d.DependsOnTargets));
            AddAll(node.Triggered, Names(d.TriggersTargets));
            AddAll(node.RunsAfter, Names(d.AfterTargets));
            foreach (var name in Names(d.DependentForTargets)) Add(catalog[name].Dependencies, node.Name);
            foreach (var name in Names(d.TriggeredByTargets)) Add(catalog[name].Triggered, node.Name);
            foreach (var name in Names(d.BeforeTargets)) Add(catalog[name].RunsAfter, node.Name);
        }
        foreach (var node in catalog.Nodes)
        {
            AddAll(node.RunsAfter, node.Dependencies);
            AddAll(node.Prerequisites, node.Dependencies);
            foreach (var triggered in node.Triggered)
            {
                Add(catalog[triggered].RunsAfter, node.Name);
                Add(catalog[triggered].Prerequisites, node.Name);
            }
        }
    }

    private IEnumerable<string> Names(IEnumerable<Target> targets) => targets.Select(Name);

    private string Name(Target target) =>
        namesByMethod.TryGetValue(target.Method, out var name)
            ? name
            : throw new Planning.PlanningException(
                $"A target reference ({target.Method.Name}) is not a Target property of the build class. Declare targets as properties: Target X => _ => _ ...");

    private static void AddAll(List<string> list, IEnumerable<string> names)
    {
        foreach (var name in names.ToList()) Add(list, name);
    }

    private static void Add(List<string> list, string name)
    {
        if (!list.Contains(name)) list.Add(name);
    }
}
