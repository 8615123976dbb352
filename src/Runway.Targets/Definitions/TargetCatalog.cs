using System.Reflection;

namespace Runway.Targets.Definitions;

/// <summary>The targets a build class declares, in declaration order, looked up case-insensitively.</summary>
internal sealed class TargetCatalog
{
    private readonly Dictionary<string, TargetNode> _byName;

    private TargetCatalog(IReadOnlyList<TargetNode> nodes)
    {
        Nodes = nodes;
        _byName = nodes.ToDictionary(n => n.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<TargetNode> Nodes { get; }

    public TargetNode this[string name] => _byName[name];

    public bool TryFind(string name, out TargetNode node) => _byName.TryGetValue(name, out node!);

    /// <summary>Evaluates every <see cref="Target"/> property of <paramref name="build"/> and links the references.</summary>
    public static TargetCatalog Discover(object build)
    {
        var properties = TargetProperties(build.GetType());
        var namesByMethod = new Dictionary<MethodInfo, string>();
        var nodes = new List<TargetNode>();
        foreach (var property in properties)
        {
            var target = (Target)property.GetValue(build)!;
            namesByMethod[target.Method] = property.Name;
            var definition = new TargetDefinition();
            target(definition);
            nodes.Add(new TargetNode(property.Name, nodes.Count, definition));
        }
        var catalog = new TargetCatalog(nodes);
        new TargetLinker(catalog, namesByMethod).Link();
        return catalog;
    }

    /// <summary>The name of a target given as a delegate, e.g. from <c>x =&gt; x.Deploy</c>.</summary>
    public static IEnumerable<PropertyInfo> TargetProperties(Type buildType) =>
        Hierarchy(buildType)
            .SelectMany(t => t.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType == typeof(Target) && p.GetMethod is not null)
                .OrderBy(p => p.MetadataToken));

    private static IEnumerable<Type> Hierarchy(Type type) =>
        type.BaseType is null ? [type] : Hierarchy(type.BaseType).Append(type);
}
