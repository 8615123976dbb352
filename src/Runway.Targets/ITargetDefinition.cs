using System.Linq.Expressions;

namespace Runway.Targets;

/// <summary>The fluent definition of a target, with Nuke's semantics.</summary>
public interface ITargetDefinition
{
    /// <summary>One line shown by <c>--help</c>.</summary>
    ITargetDefinition Description(string description);

    /// <summary>These targets are scheduled too and run before this one.</summary>
    ITargetDefinition DependsOn(params Target[] targets);

    /// <summary>This target is scheduled whenever one of these runs, and runs before it.</summary>
    ITargetDefinition DependentFor(params Target[] targets);

    /// <summary>When both are scheduled, this target runs after these (does not schedule them).</summary>
    ITargetDefinition After(params Target[] targets);

    /// <summary>When both are scheduled, this target runs before these (does not schedule them).</summary>
    ITargetDefinition Before(params Target[] targets);

    /// <summary>Scheduling this target schedules these to run after it.</summary>
    ITargetDefinition Triggers(params Target[] targets);

    /// <summary>Scheduling one of these targets schedules this one to run after it.</summary>
    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>Conditions evaluated once, before any target runs; a false one skips this target.</summary>
    ITargetDefinition OnlyWhenStatic(params Func<bool>[] conditions);

    /// <summary>Conditions evaluated right before this target runs; a false one skips it.</summary>
    ITargetDefinition OnlyWhenDynamic(params Func<bool>[] conditions);

    /// <summary>What happens to dependencies when a static condition skips this target.</summary>
    ITargetDefinition WhenSkipped(DependencyBehavior behavior);

    /// <summary>Parameters (e.g. <c>() =&gt; Version</c>) that must be set; checked before anything runs.</summary>
    ITargetDefinition Requires(params Expression<Func<object?>>[] parameters);

    /// <summary>Conditions (e.g. <c>() =&gt; IsServerBuild</c>) that must hold; checked before anything runs, a false one fails the run naming it.</summary>
    ITargetDefinition Requires(params Expression<Func<bool>>[] conditions);

    /// <summary>If this target fails, later targets that do not depend on it still run.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>This target runs even when an earlier target failed.</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hides this target from <c>--help</c>.</summary>
    ITargetDefinition Unlisted();

    /// <summary>Work to do; several calls run in order.</summary>
    ITargetDefinition Executes(Action action);

    /// <summary>Asynchronous work to do.</summary>
    ITargetDefinition Executes(Func<Task> action);

    /// <summary>Asynchronous work; the token is cancelled by Ctrl+C or SIGTERM.</summary>
    ITargetDefinition Executes(Func<CancellationToken, Task> action);

    /// <summary>Evaluated right before execution: a non-null reason skips the target and shows in the log and summary.</summary>
    ITargetDefinition SkipWhen(Func<CancellationToken, Task<string?>> reason);
}
