using Runway.Checklists;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// What the build's targets call: run a phase of the release's deployment (resuming it, gated by the checklist),
/// roll back, and say why a phase need not run. An optional observer hears each phase start, succeed or fail.
/// </summary>
public sealed class DeploymentPipeline(DeploymentServices services, IDeploymentObserver? observer = null)
{
    private static readonly HashSet<string> GitHubChecks = ["github-checks-green", "release-tagged", "release-notes-drafted", "no-blocking-prs"];

    private readonly PhaseRunner _runner = new(services.Deployments, services.Checklist, services.Logger, services.Session.EnsureHeldAsync);
    private readonly Cancellation _cancellation = services.Phases.Cancellation();
    private readonly Reconciliation _reconciliation = services.Phases.Reconciliation();
    private bool _waived;
    private Task? _trafficChecked;

    /// <summary>The phase that failed in this run, if one did (gate refusals are not failures: they pause).</summary>
    public string? FailedPhase { get; private set; }

    /// <summary>The deployment this run worked on, once a phase ran.</summary>
    public Deployment? Deployment { get; private set; }

    /// <summary>True when this run lost its lock on the environment: it then changes nothing more, rollback included.</summary>
    public bool LostLock => services.Session.IsLockLost;

    private string Release => services.Settings.Release;

    /// <summary>Why <paramref name="phase"/> need not run for this release, or null when it must.</summary>
    public async Task<string?> SkipReasonAsync(ChecklistPhase phase, CancellationToken cancellationToken)
    {
        _cancellation.Watch(cancellationToken);
        // Reconciling may redo a pool or a weight: only under the lock.
        await services.Session.HoldEnvironmentAsync(Release, cancellationToken).ConfigureAwait(false);
        return await _reconciliation.SkipReasonAsync(phase, () => services.Session.SkipReasonAsync(Release, phase.ToString(), cancellationToken), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Deploy's up-front look at the gates: every sign-off the run will need, before anything changes.</summary>
    public async Task<IReadOnlyList<ChecklistItem>> OpenSignOffsAsync(IReadOnlyList<ChecklistPhase> phases, CancellationToken cancellationToken)
    {
        // The lock before any write (waivers included): a refused run is refused at once and leaves nothing behind.
        await services.Session.HoldEnvironmentAsync(Release, cancellationToken).ConfigureAwait(false);
        if (await _reconciliation.IsLiveAsync(cancellationToken).ConfigureAwait(false)) return [];
        await EnsureTrafficAsRecordedAsync(cancellationToken).ConfigureAwait(false);
        await WaiveForProfileAsync(null, cancellationToken).ConfigureAwait(false);
        var state = await services.Checklist.StateAsync(Release, cancellationToken).ConfigureAwait(false);
        var gates = state.OpenGatesUpTo(phases).ToHashSet();
        // An automated item that this configuration cannot prove stops a later gate just like a sign-off does.
        return [.. state.OpenItems.Where(i => gates.Contains(i) || (i.IsAutomated && CannotProve(i)))];
    }

    /// <summary>Runs <paramref name="phase"/> of the release's deployment (started or resumed).</summary>
    public async Task RunPhaseAsync(ChecklistPhase phase, CancellationToken cancellationToken)
    {
        _cancellation.Watch(cancellationToken);
        await services.Session.HoldEnvironmentAsync(Release, cancellationToken).ConfigureAwait(false);
        // The phase stops on a signal (the build's token) or the moment the lock is found lost.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, services.Session.LockLost);
        try
        {
            await RunGuardedAsync(phase, guard.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (services.Session.IsLockLost)
        {
            throw ex as LockLostException ?? services.Session.LockLostError(ex);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && Deployment is { } deployment)
        {
            await _cancellation.AbortAsync(deployment, phase.ToString()).ConfigureAwait(false);
            throw ex as OperationCanceledException ?? new OperationCanceledException($"{phase} was cancelled", ex, cancellationToken);
        }
    }

    /// <summary>After a run that was cancelled between phases: aborts its deployment as a cancelled phase would.</summary>
    public Task AbortIfCancelledAsync() => Deployment is { } deployment && !LostLock
        ? _cancellation.AbortIfCancelledAsync(deployment)
        : Task.CompletedTask;

    private async Task RunGuardedAsync(ChecklistPhase phase, CancellationToken cancellationToken)
    {
        await EnsureTrafficAsRecordedAsync(cancellationToken).ConfigureAwait(false);
        var deployment = Deployment = await services.Session.BeginOrResumeAsync(Release, cancellationToken).ConfigureAwait(false);
        await services.Session.LeaseTrafficAsync(deployment.PreviousRelease, cancellationToken).ConfigureAwait(false);
        await WaiveForProfileAsync(deployment.Id, cancellationToken).ConfigureAwait(false);
        // The gate first, so that the observer hears of a phase only when it really starts. A closed gate is not a
        // failure: the deployment waits for sign-offs, and a rerun resumes it.
        await services.Checklist.EnsureGateOpenAsync(Release, phase, cancellationToken).ConfigureAwait(false);
        try
        {
            // Inside the failure handling: a GitHub failure while reporting is the phase's failure, never a Running leftover.
            if (observer is not null) await observer.PhaseStartedAsync(deployment, phase.ToString(), cancellationToken).ConfigureAwait(false);
            await _runner.RunAsync(deployment, phase.ToString(), Steps(phase, deployment), cancellationToken).ConfigureAwait(false);
            if (observer is not null) await observer.PhaseSucceededAsync(deployment, phase.ToString(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!services.Session.IsLockLost && !_cancellation.Requested)
        {
            FailedPhase = phase.ToString();
            await services.Deployments.FinishDeploymentAsync(deployment.Id, DeploymentState.Failed, $"{phase}: {ex.Message}", CancellationToken.None)
                .ConfigureAwait(false);
            await ReportFailureAsync(deployment, phase.ToString(), ex).ConfigureAwait(false);
            throw;
        }
        if (phase != ChecklistPhase.Validation) return;
        await services.Deployments.FinishDeploymentAsync(deployment.Id, DeploymentState.Succeeded, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (observer is not null) await observer.SucceededAsync(deployment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records a person's sign-off (or waiver) for the release, against its running deployment when there is one.</summary>
    public async Task<ChecklistMark> SignOffAsync(SignOffRequest request, CancellationToken cancellationToken)
    {
        var deployment = await services.Deployments.GetActiveDeploymentAsync(services.Settings.Environment, cancellationToken).ConfigureAwait(false);
        var mark = await services.Checklist.SignOffAsync(Release, deployment?.Id, request, cancellationToken).ConfigureAwait(false);
        if (observer is not null && deployment is not null && deployment.Release == Release)
            await observer.ChecklistChangedAsync(deployment, cancellationToken).ConfigureAwait(false);
        return mark;
    }

    /// <summary>Takes the environment's latest unfinished, failed or (on request) succeeded deployment back to its previous release.</summary>
    public async Task<Deployment> RollbackAsync(string reason, CancellationToken cancellationToken)
    {
        var deployment = await RollbackTargetAsync(cancellationToken).ConfigureAwait(false);
        await services.Session.HoldEnvironmentAsync(deployment.Release, cancellationToken).ConfigureAwait(false);
        services.Logger.Warning("Rolling back deployment {DeploymentId}: {Release} → {Previous}, because {Reason}",
            deployment.Id, deployment.Release, deployment.PreviousRelease ?? "nothing", reason);
        await _runner.RunAsync(deployment, RollbackProcedure.PhaseName, services.Phases.Rollback(automatic: Deployment is not null).Steps(deployment), cancellationToken).ConfigureAwait(false);
        var rolledBack = await services.Deployments.FinishDeploymentAsync(deployment.Id, DeploymentState.RolledBack, reason, cancellationToken).ConfigureAwait(false);
        if (observer is not null) await observer.RolledBackAsync(rolledBack, reason, cancellationToken).ConfigureAwait(false);
        return rolledBack;
    }

    // The phase's own error is what the user must see; an observer that cannot hear of it is logged, not thrown over it.
    private async Task ReportFailureAsync(Deployment deployment, string phase, Exception error)
    {
        if (observer is null) return;
        try
        {
            await observer.PhaseFailedAsync(deployment, phase, error, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception reportError)
        {
            services.Logger.Error(reportError, "Could not report the failure of {Phase} in deployment {DeploymentId}", phase, deployment.Id);
        }
    }

    private async Task<Deployment> RollbackTargetAsync(CancellationToken cancellationToken)
    {
        if (Deployment is { } current) return await services.Deployments.GetDeploymentAsync(current.Id, cancellationToken).ConfigureAwait(false) ?? current;
        var environment = services.Settings.Environment;
        var latest = await services.Deployments.GetLatestInEnvironmentAsync(environment, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Nothing to roll back in {environment}: the ledger holds no deployment there.");
        return latest.State is DeploymentState.RolledBack or DeploymentState.Aborted
            ? throw new InvalidOperationException(
                $"Deployment {latest.Id} of {latest.Release} in {environment} is already {latest.State}; {latest.PreviousRelease ?? "nothing"} is what it left. Deploy a release to move on.")
            : latest;
    }

    private IReadOnlyList<DeploymentStep> Steps(ChecklistPhase phase, Deployment deployment) => phase switch
    {
        ChecklistPhase.Preparation => services.Phases.Preparation().Steps(deployment),
        ChecklistPhase.Canary => services.Phases.Canary().Steps(deployment),
        ChecklistPhase.Rollout50 => services.Phases.Rollout().Half(deployment),
        ChecklistPhase.RolloutFull => services.Phases.Rollout().Full(deployment),
        ChecklistPhase.Migration => services.Phases.Migration().Steps(deployment),
        ChecklistPhase.Validation => services.Phases.Validation().Steps(deployment),
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Not a deployment phase."),
    };

    // A new deployment starts from the traffic the ledger recorded, or not at all (checked once per run, before anything
    // is written). A deployment under way is resumed and reconciled instead; the live release deployed again puts it back.
    private Task EnsureTrafficAsRecordedAsync(CancellationToken cancellationToken) => _trafficChecked ??= CheckTrafficAsync(cancellationToken);

    private async Task CheckTrafficAsync(CancellationToken cancellationToken)
    {
        var environment = services.Settings.Environment;
        if (await TrafficDrift.ExpectedLiveAsync(services.Deployments, environment, cancellationToken).ConfigureAwait(false) is not { } live
            || live == Release) return;
        var snapshot = await services.Environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (TrafficDrift.Describe(snapshot, live) is { } drift)
            throw TrafficDrift.Refusal(environment, Release, live, drift);
    }

    // No phase runs the GitHub checks without GitHub settings: they can only be waived.
    private bool CannotProve(ChecklistItem item) => GitHubChecks.Contains(item.CheckId!) && services.Settings.GitHub is null;

    // A profile may waive what needs a person (or a service it does not configure), with its reason on record:
    // the report shows these items as waived, never as done.
    private async Task WaiveForProfileAsync(long? deploymentId, CancellationToken cancellationToken)
    {
        if (_waived || services.Settings.WaiveSignOffs is not { Length: > 0 } reason) return;
        _waived = true;
        var state = await services.Checklist.StateAsync(Release, cancellationToken).ConfigureAwait(false);
        var unprovable = state.OpenItems.Where(i => !i.IsAutomated || CannotProve(i));
        foreach (var item in unprovable)
            await services.Checklist.SignOffAsync(Release, deploymentId, new SignOffRequest(item.Id, services.Settings.StartedBy, Waive: true, Reason: reason), cancellationToken)
                .ConfigureAwait(false);
    }
}
