namespace Runway.Targets.Definitions;

/// <summary>A declared target with its references resolved to names, edges normalised to one direction.</summary>
internal sealed record TargetNode(string Name, int Index, TargetDefinition Definition)
{
    /// <summary>Targets that must run (and are scheduled) before this one: DependsOn plus inverted DependentFor.</summary>
    public List<string> Dependencies { get; } = [];

    /// <summary>Targets this one schedules after itself: Triggers plus inverted TriggeredBy.</summary>
    public List<string> Triggered { get; } = [];

    /// <summary>Targets that, when scheduled, must come before this one (every ordering edge, inverted to "after").</summary>
    public List<string> RunsAfter { get; } = [];

    /// <summary>Targets whose failure prevents this one: its dependencies and the targets that trigger it.</summary>
    public List<string> Prerequisites { get; } = [];

    public string? Description => Definition.DescriptionText;
}
