namespace Runway.Targets;

/// <summary>A target: declared as <c>Target Name =&gt; _ =&gt; _.DependsOn(...).Executes(...)</c> on a build class.</summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);
