using System.Text.Json.Nodes;
using Runway.Checklists;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// Before a phase is skipped as already done, the world is compared with the ledger: the pools and weights the last
/// traffic step of the running deployment recorded, and their instances' health. What is gone is redone (a pool
/// restarted, a weight set again); what cannot be redone is refused with the difference and the command that fixes it.
/// The live release deployed again is nothing to do, once it is seen to serve.
/// </summary>
/// <param name="settings">The release and environment of this run.</param>
/// <param name="environment">The environment, changed under the run's lock.</param>
/// <param name="deployments">The ledger's deployments and steps.</param>
/// <param name="intent">Whether this run deploys the live release again.</param>
/// <param name="health">Tells the pools' healthy instances from the others.</param>
/// <param name="logger">The run's log.</param>
public sealed class Reconciliation(
    PipelineSettings settings, LockedEnvironment environment, DeploymentLedger deployments, ReleaseIntent intent, PoolHealth health, Serilog.ILogger logger)
{
    private static readonly string[] TrafficSteps = ["canary-deployed", "rollout-50", "rollout-full"];
    private Task<IReadOnlyList<string>>? _reconciled;

    /// <summary>True when this run deploys the live release again: nothing to do.</summary>
    public async Task<bool> IsLiveAsync(CancellationToken cancellationToken) =>
        await intent.LiveAsync(cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Why <paramref name="phase"/> need not run, after the environment was made to match the ledger; null when it must run.</summary>
    /// <param name="phase">The phase.</param>
    /// <param name="ledgerReason">The ledger's reason to skip it (the phase completed), or null.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public async Task<string?> SkipReasonAsync(ChecklistPhase phase, Func<Task<string?>> ledgerReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledgerReason);
        if (await intent.LiveAsync(cancellationToken).ConfigureAwait(false) is { } live)
        {
            var redone = await (_reconciled ??= ReconcileAsync(new Dictionary<string, int> { [live.Release] = 100 }, cancellationToken)).ConfigureAwait(false);
            return $"{settings.Release} is already the live release in {settings.Environment} (deployment {live.Id}): nothing to deploy{Redone(redone)}";
        }
        if (await ledgerReason().ConfigureAwait(false) is not { } reason) return null;
        if (phase == ChecklistPhase.Preparation) return reason;
        var expected = await ExpectedWeightsAsync(cancellationToken).ConfigureAwait(false);
        if (expected is null) return reason;
        var differences = await (_reconciled ??= ReconcileAsync(expected, cancellationToken)).ConfigureAwait(false);
        return reason + Redone(differences);
    }

    // The weights the running deployment's latest traffic step recorded: what the environment should show now.
    private async Task<Dictionary<string, int>?> ExpectedWeightsAsync(CancellationToken cancellationToken)
    {
        var deployment = await deployments.GetActiveDeploymentAsync(settings.Environment, cancellationToken).ConfigureAwait(false);
        if (deployment is null || deployment.Release != settings.Release) return null;
        var steps = await deployments.GetStepsAsync(deployment.Id, cancellationToken).ConfigureAwait(false);
        var last = steps.Where(s => s.Status == WorkStatus.Succeeded && TrafficSteps.Contains(s.Name)).MaxBy(s => s.EndedAt);
        return last?.Evidence?["weights"] is JsonObject weights
            ? weights.ToDictionary(w => w.Key, w => w.Value!.GetValue<int>())
            : null;
    }

    private async Task<IReadOnlyList<string>> ReconcileAsync(Dictionary<string, int> expected, CancellationToken cancellationToken)
    {
        var snapshot = await environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        var differences = new List<string>();
        // Pools the ledger gives traffic must run, healthy; a drained pool (weight 0) may be gone: a rollback restarts it.
        foreach (var (release, weight) in expected.Where(w => w.Value > 0))
        {
            if (snapshot.Pool(release) is not { } pool) differences.Add($"the pool of {release} is gone (the ledger has it at {weight}%)");
            else if (await health.UnhealthyAsync(pool, cancellationToken).ConfigureAwait(false) is { Count: > 0 } unhealthy)
                differences.Add($"{unhealthy.Count} of {pool.Instances.Count} instances of {release} are unhealthy ({string.Join("; ", unhealthy)})");
            else if (pool.Weight != weight) differences.Add($"{release} gets {pool.Weight}% instead of the ledger's {weight}%");
        }
        // A pool on the router that Runway did not start goes with the recorded table (set by hand, or by another tool).
        foreach (var pool in snapshot.Unmanaged)
            differences.Add($"the router also sends {pool.Weight}% to {pool.Release}, a pool Runway did not start");
        if (differences.Count == 0) return [];
        logger.Warning("The environment {Environment} differs from the ledger: {Differences}; redoing it", environment.Name, string.Join("; ", differences));
        await RedoAsync(expected, differences, cancellationToken).ConfigureAwait(false);
        return differences;
    }

    private async Task RedoAsync(Dictionary<string, int> expected, IReadOnlyList<string> differences, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var release in expected.Where(w => w.Value > 0).Select(w => w.Key))
                await environment.DeployPoolAsync(release, cancellationToken).ConfigureAwait(false);
            var running = (await environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Pools.Select(p => p.Release).ToHashSet();
            await environment.SetWeightsAsync(expected.Where(w => running.Contains(w.Key)).ToDictionary(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new InvalidOperationException(
                $"The environment {environment.Name} differs from the ledger ({string.Join("; ", differences)}) and could not be put back: {ex.Message} " +
                "Run ./build.sh Rollback to return to the previous release, then deploy again.", ex);
        }
    }

    private static string Redone(IReadOnlyList<string> differences) =>
        differences.Count == 0 ? "" : $"; the environment differed from the ledger and was put back ({string.Join("; ", differences)})";
}
