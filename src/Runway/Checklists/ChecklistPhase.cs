namespace Runway.Checklists;

/// <summary>The deployment phases a checklist item can gate, in the order a deployment runs them.</summary>
public enum ChecklistPhase
{
    /// <summary>Checks and backups before any traffic moves.</summary>
    Preparation,

    /// <summary>The new release takes a small share of traffic and is analysed.</summary>
    Canary,

    /// <summary>Half the traffic on the new release.</summary>
    Rollout50,

    /// <summary>All traffic on the new release.</summary>
    RolloutFull,

    /// <summary>Schema migrations in production.</summary>
    Migration,

    /// <summary>Post-deployment verification.</summary>
    Validation,
}
