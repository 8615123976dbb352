using Runway.Checklists;
using Runway.Targets;

/// <summary>The phases of a deployment. Each resumes the release's deployment and is skipped when already done.</summary>
sealed partial class Build
{
    [Parameter("Migration: list what would run and change nothing (the other phases are skipped); Rollback: print how each migration would be taken back")]
    readonly bool DryRun = false;

    Target Preparation => _ => Phase(_, ChecklistPhase.Preparation)
        .Description("Checks the source, configuration, tools and a verified backup; deploys, migrates and smoke-tests staging");

    Target Canary => _ => Phase(_, ChecklistPhase.Canary)
        .Description("Starts the new release beside the current one with the canary weight and bakes it under analysis")
        .DependsOn(Preparation);

    Target Rollout50 => _ => Phase(_, ChecklistPhase.Rollout50)
        .Description("Shifts half of the traffic to the new release")
        .DependsOn(Canary);

    Target RolloutFull => _ => Phase(_, ChecklistPhase.RolloutFull)
        .Description("Shifts all traffic to the new release and removes the old pool after draining")
        .DependsOn(Rollout50);

    Target Migration => _ => _
        .Description("Takes a verified backup, then applies the schema migrations (--dry-run lists them)")
        .DependsOn(RolloutFull)
        .Requires(() => Version)
        .SkipWhen(async token => DryRun ? null : await (await PipelineAsync(token)).SkipReasonAsync(ChecklistPhase.Migration, token))
        .Executes(async token =>
        {
            if (DryRun) await PlanMigrationsAsync(token);
            else await (await PipelineAsync(token)).RunPhaseAsync(ChecklistPhase.Migration, token);
        });

    Target Validation => _ => Phase(_, ChecklistPhase.Validation)
        .Description("Verifies the live release: every smoke probe, auth, rate limiting, metrics, a concurrent load, clean logs")
        .DependsOn(Migration);

    Target Deploy => _ => _
        .Description("Runs every phase, Preparation to Validation, after checking the checklist's gates up front")
        .DependsOn(Gates, Validation);

    Target Gates => _ => _
        .Unlisted()
        .Description("Lists, before anything changes, the sign-offs this deployment will need")
        .Before(Preparation)
        .Requires(() => Version)
        .OnlyWhenStatic(() => !DryRun)
        .Executes(async token =>
        {
            var open = await (await PipelineAsync(token)).OpenSignOffsAsync(Enum.GetValues<ChecklistPhase>(), token);
            // A forecast, not a problem: it belongs in the run's own output, before the first step, not on stderr.
            if (open.Count > 0) Logger.Information("{Gates}", ChecklistGateException.Forecast("Deploy", open));
        });

    Target AutoRollbackOnFailure => _ => _
        .Unlisted()
        .Description("Rolls back when a phase of this run failed, unless --auto-rollback false")
        .TriggeredBy(Canary, Rollout50, RolloutFull, Migration, Validation)
        .AssuredAfterFailure()
        .SkipWhen(_ => Task.FromResult(AutoRollbackSkipReason()))
        .Executes(async token => await _pipeline!.RollbackAsync($"{_pipeline.FailedPhase} failed", token));

    Target Rollback => _ => _
        .Description("Returns traffic, then the database, to the previous release")
        .Executes(async token =>
        {
            if (DryRun) { await PlanRollbackAsync(token); return; }
            var rolledBack = await (await PipelineAsync(token)).RollbackAsync($"requested by {Settings.StartedBy}", token);
            Logger.Information("Deployment {DeploymentId} rolled back: {Previous} serves {Environment}", rolledBack.Id, rolledBack.PreviousRelease ?? "nothing", Environment);
        });

    ITargetDefinition Phase(ITargetDefinition definition, ChecklistPhase phase) => definition
        .Requires(() => Version)
        .OnlyWhenStatic(() => !DryRun)
        .SkipWhen(async token => await (await PipelineAsync(token)).SkipReasonAsync(phase, token))
        .Executes(async token => await (await PipelineAsync(token)).RunPhaseAsync(phase, token));

    string? AutoRollbackSkipReason() => (AutoRollback, _pipeline?.FailedPhase) switch
    {
        (false, _) => "auto-rollback is off (--auto-rollback false)",
        _ when _pipeline?.LostLock == true => "this run lost its lock on the environment: it never rolls back without it",
        (_, null) => "no phase failed",
        (_, nameof(ChecklistPhase.Preparation)) => "Preparation failed before anything changed in the environment",
        _ => null,
    };
}
