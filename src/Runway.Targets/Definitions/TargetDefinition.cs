using System.Linq.Expressions;

namespace Runway.Targets.Definitions;

/// <summary>Collects what a target declaration says; <see cref="TargetCatalog"/> resolves the references.</summary>
internal sealed class TargetDefinition : ITargetDefinition
{
    public string? DescriptionText { get; private set; }
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<Func<bool>> StaticConditions { get; } = [];
    public List<Func<bool>> DynamicConditions { get; } = [];
    public DependencyBehavior SkipBehavior { get; private set; } = DependencyBehavior.Skip;
    public List<LambdaExpression> Requirements { get; } = [];
    public bool ProceedsAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public bool IsUnlisted { get; private set; }
    public List<Func<CancellationToken, Task>> Actions { get; } = [];
    public List<Func<CancellationToken, Task<string?>>> SkipReasons { get; } = [];

    public ITargetDefinition Description(string description) => Set(() => DescriptionText = description);
    public ITargetDefinition DependsOn(params Target[] targets) => Set(() => DependsOnTargets.AddRange(targets));
    public ITargetDefinition DependentFor(params Target[] targets) => Set(() => DependentForTargets.AddRange(targets));
    public ITargetDefinition After(params Target[] targets) => Set(() => AfterTargets.AddRange(targets));
    public ITargetDefinition Before(params Target[] targets) => Set(() => BeforeTargets.AddRange(targets));
    public ITargetDefinition Triggers(params Target[] targets) => Set(() => TriggersTargets.AddRange(targets));
    public ITargetDefinition TriggeredBy(params Target[] targets) => Set(() => TriggeredByTargets.AddRange(targets));
    public ITargetDefinition OnlyWhenStatic(params Func<bool>[] conditions) => Set(() => StaticConditions.AddRange(conditions));
    public ITargetDefinition OnlyWhenDynamic(params Func<bool>[] conditions) => Set(() => DynamicConditions.AddRange(conditions));
    public ITargetDefinition WhenSkipped(DependencyBehavior behavior) => Set(() => SkipBehavior = behavior);
    public ITargetDefinition Requires(params Expression<Func<object?>>[] parameters) => Set(() => Requirements.AddRange(parameters));
    public List<Expression<Func<bool>>> Conditions { get; } = [];
    public ITargetDefinition Requires(params Expression<Func<bool>>[] conditions) => Set(() => Conditions.AddRange(conditions));
    public ITargetDefinition ProceedAfterFailure() => Set(() => ProceedsAfterFailure = true);
    public ITargetDefinition AssuredAfterFailure() => Set(() => IsAssuredAfterFailure = true);
    public ITargetDefinition Unlisted() => Set(() => IsUnlisted = true);
    public ITargetDefinition SkipWhen(Func<CancellationToken, Task<string?>> reason) => Set(() => SkipReasons.Add(reason));

    public ITargetDefinition Executes(Action action) =>
        Set(() => Actions.Add(_ => { action(); return Task.CompletedTask; }));

    public ITargetDefinition Executes(Func<Task> action) => Set(() => Actions.Add(_ => action()));

    public ITargetDefinition Executes(Func<CancellationToken, Task> action) => Set(() => Actions.Add(action));

    private TargetDefinition Set(Action change)
    {
        change();
        return this;
    }
}
