using System.Text;
using Runway.Targets.Definitions;
using Runway.Targets.Planning;

namespace Runway.Targets.Output;

/// <summary>Renders an execution plan for the terminal and as a Mermaid graph.</summary>
internal static class PlanText
{
    public static string Render(ExecutionPlan plan)
    {
        var text = new StringBuilder($"Execution plan for {string.Join(", ", plan.Invoked)}:\n");
        var position = 0;
        foreach (var node in plan.Targets)
        {
            text.Append($"  {++position,2}. {node.Name}");
            if (node.Dependencies.Count > 0) text.Append($"  ← {string.Join(", ", node.Dependencies)}");
            if (plan.SkipReason(node.Name) is { } reason) text.Append($"  (skipped: {reason})");
            text.Append('\n');
        }
        return text.ToString();
    }

    public static string Mermaid(TargetCatalog catalog, ExecutionPlan plan)
    {
        var text = new StringBuilder("graph TD\n");
        foreach (var node in catalog.Nodes.Where(n => !n.Definition.IsUnlisted || plan.Targets.Contains(n)))
        {
            text.Append($"  {node.Name}\n");
            foreach (var dependency in node.Dependencies) text.Append($"  {dependency} --> {node.Name}\n");
            foreach (var triggered in node.Triggered) text.Append($"  {node.Name} -.-> {triggered}\n");
        }
        text.Append("  classDef scheduled fill:#cfe8ff,stroke:#1f6feb\n");
        if (plan.Targets.Count > 0) text.Append($"  class {string.Join(",", plan.Targets.Select(n => n.Name))} scheduled\n");
        return text.ToString();
    }
}
