using System.Text.Json.Nodes;
using Runway.Canary;
using Runway.Ledger;
using Runway.Load;
using Runway.Service.Metrics;

namespace Runway.Phases;

/// <summary>
/// Canary: the new release's pool starts beside the current one and gets the canary weight; then it bakes while
/// its metrics are compared with the baseline's. A failing verdict stops the bake at once.
/// </summary>
public sealed class CanaryPhase(DeploymentServices services)
{
    /// <summary>The phase's steps for <paramref name="deployment"/>.</summary>
    public IReadOnlyList<DeploymentStep> Steps(Deployment deployment) =>
    [
        new("canary-deployed", token => DeployAsync(deployment, token)),
        new("canary-analysis", token => BakeAsync(deployment, token)),
    ];

    private async Task<StepOutcome> DeployAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var pool = await services.Environment.DeployPoolAsync(deployment.Release, cancellationToken).ConfigureAwait(false);
        var baseline = await BaselineAsync(deployment, cancellationToken).ConfigureAwait(false);
        // Only a canary that will be compared needs warming: a cold process would lose to the warm baseline.
        // It also proves, before the bake, that the metrics see the canary's traffic.
        var seen = baseline is not null
            ? await new CanaryWarmUp(services.Http, services.Contract, services.ServiceToken, services.Time)
                .RunAsync(pool, services.CreateMetricSource(services.Environment.Name), cancellationToken).ConfigureAwait(false)
            : null;
        var weights = baseline is not null
            ? new Dictionary<string, int> { [baseline] = 100 - services.Settings.CanaryWeight, [deployment.Release] = services.Settings.CanaryWeight }
            : new Dictionary<string, int> { [deployment.Release] = 100 };
        await services.Environment.SetWeightsAsync(weights, cancellationToken).ConfigureAwait(false);
        var evidence = Evidence.Weights(weights);
        evidence["instances"] = pool.Instances.Count;
        if (seen is not null) evidence["metricsSeeWarmUp"] = seen;
        return StepOutcome.Of(evidence, "canary-deployed");
    }

    private async Task<StepOutcome> BakeAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        if (await BaselineAsync(deployment, cancellationToken).ConfigureAwait(false) is not { } previous)
            return NoBaseline(deployment.PreviousRelease is null
                ? "first deployment to this environment: no previous release to compare with"
                : $"the previous release {deployment.PreviousRelease} does not run in {services.Environment.Name}: nothing to compare with");
        var snapshot = await services.Environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        var baseline = SmokeSteps.Canary(snapshot.Pool(previous) ?? throw MissingPool(previous));
        var canary = SmokeSteps.Canary(snapshot.Pool(deployment.Release) ?? throw MissingPool(deployment.Release));
        var metrics = services.CreateMetricSource(services.Environment.Name);
        var (bake, load) = await BakeUnderLoadAsync(snapshot.Url, baseline, canary, metrics, cancellationToken).ConfigureAwait(false);
        var evidence = bake.ToEvidence();
        if (metrics.Evidence() is { } queries) evidence["metricsQueries"] = queries;
        if (load is not null) evidence["load"] = load.ToEvidence();
        var verdict = bake.Analysis.Verdict;
        if (verdict == CanaryVerdict.Fail || (verdict == CanaryVerdict.Inconclusive && !Confirmed(bake)))
            throw new CanaryFailedException(deployment.Release, bake.Analysis.Reason, evidence);
        return StepOutcome.Of(evidence, "canary-analysis-passed");
    }

    private async Task<(BakeResult Bake, LoadSnapshot? Load)> BakeUnderLoadAsync(string? url, CanaryPool baseline, CanaryPool canary, MetricSource metrics, CancellationToken cancellationToken)
    {
        var options = services.Settings.Canary;
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var load = services.Settings.SyntheticLoad && url is not null
            ? new LoadGenerator(services.Http, new LoadOptions
            {
                Target = new Uri(url),
                Token = services.ServiceToken,
                Request = services.Contract.Request,
                ReleaseHeader = services.Contract.ReleaseHeader,
                RequestsPerSecond = services.Settings.LoadRequestsPerSecond,
                Duration = options.BakeDuration + options.Interval,
            }, services.Time, services.Logger)
            : null;
        var loadRun = load?.RunAsync(stopLoad.Token);
        var progress = new Progress<BakeProgress>(p => services.Logger.Information(
            "Bake: {Remaining:0}s left, {Requests} requests seen; error rate baseline {BaselineRate:P2}, canary {CanaryRate:P2}",
            p.Remaining.TotalSeconds, p.BaselineRequests + p.CanaryRequests, p.BaselineErrorRate, p.CanaryErrorRate));
        try
        {
            var bake = await new CanaryBake(new TrafficCheckedSource(metrics, () => load is null ? null : SentTraffic.From(load.Snapshot())), options, services.Time, services.Logger)
                .RunAsync(baseline, canary, progress, cancellationToken).ConfigureAwait(false);
            return (bake, load?.Snapshot());
        }
        finally
        {
            await stopLoad.CancelAsync().ConfigureAwait(false);
            if (loadRun is not null) await loadRun.ConfigureAwait(false);
        }
    }

    private StepOutcome NoBaseline(string reason)
    {
        services.Logger.Information("No canary analysis: {Reason}", reason);
        return StepOutcome.Of(new JsonObject { ["verdict"] = "NoBaseline", ["reason"] = reason }, "canary-analysis-passed");
    }

    // The baseline is the previous release's running pool; none runs on a first deployment, or after Down.
    private async Task<string?> BaselineAsync(Deployment deployment, CancellationToken cancellationToken) =>
        deployment.PreviousRelease is { } previous
        && (await services.Environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Pool(previous) is not null
            ? previous
            : null;

    // Too little data: CI cannot decide, so it fails; a person at a terminal may decide.
    private bool Confirmed(BakeResult bake)
    {
        if (!services.Settings.Interactive || services.Settings.Confirm is null) return false;
        return services.Settings.Confirm($"The canary analysis is inconclusive ({bake.Analysis.Reason}). Continue the rollout?");
    }

    private static InvalidOperationException MissingPool(string release) =>
        new($"No pool of {release} runs: the canary cannot be compared. Run ./build.sh Status to see what runs.");
}

/// <summary>The canary analysis failed: the release must not go further.</summary>
public sealed class CanaryFailedException(string release, string reason, JsonObject evidence)
    : StepFailedException($"The canary of {release} failed its analysis: {reason}", evidence);
