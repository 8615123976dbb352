namespace Runway.Targets;

/// <summary>What happens to a target's dependencies when the target is skipped by a static condition.</summary>
public enum DependencyBehavior
{
    /// <summary>Dependencies still run.</summary>
    Execute,

    /// <summary>Dependencies are skipped too, unless another scheduled target still needs them (the default, as in Nuke).</summary>
    Skip,
}
