using System.Globalization;
using System.Text.Json.Nodes;
using Runway.Canary;
using Runway.Environments.Local;
using Runway.Checklists.Reports;
using Runway.Ledger;
using Runway.Load;
using Runway.Service;
using Runway.Service.Metrics;

namespace Runway.Phases;

/// <summary>
/// Canary: the new release's pool starts beside the current one and gets the canary weight; then it bakes while
/// its metrics are compared with the baseline's. A failing verdict stops the bake at once.
/// </summary>
/// <param name="settings">The canary weight, the bake's options, the report's folder, whether a person can decide.</param>
/// <param name="environment">The environment, changed under the run's lock.</param>
/// <param name="session">The run's session (the traffic lease when a baseline is restored).</param>
/// <param name="checklist">Records the waiver of a first deployment's statistical check.</param>
/// <param name="service">How to reach the service (the warm-up).</param>
/// <param name="metrics">Makes the profile's metric source.</param>
/// <param name="load">The synthetic load the bake runs under.</param>
/// <param name="health">Replaces the baseline's unhealthy instances before the bake.</param>
/// <param name="absoluteLimits">The bake of a first deployment, which has no baseline.</param>
/// <param name="database">A first deployment's schema.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The run's log.</param>
public sealed class CanaryPhase(
    PipelineSettings settings, LockedEnvironment environment, DeploymentSession session, DeploymentChecklist checklist,
    ServiceAccess service, MetricSourceFactory metrics, SyntheticLoad load, PoolHealth health, AbsoluteLimitsBake absoluteLimits,
    DatabaseSteps database, TimeProvider time, Serilog.ILogger logger)
{
    /// <summary>The check a first deployment's bake proves: judged against absolute limits, not against a baseline.</summary>
    public const string AbsoluteLimitsCheck = "canary-absolute-limits";

    /// <summary>A first deployment's step (and check) that applies its schema before its pool starts.</summary>
    public const string FirstSchemaStep = "first-deployment-schema";

    /// <summary>What the ledger and the checklist say of a canary judged without a baseline.</summary>
    public const string NoBaselineNote = "no baseline: judged against absolute limits";

    /// <summary>The phase's steps for <paramref name="deployment"/>.</summary>
    public IReadOnlyList<DeploymentStep> Steps(Deployment deployment)
    {
        List<DeploymentStep> steps =
        [
            new("canary-deployed", token => DeployAsync(deployment, token)),
            new("canary-analysis", token => BakeAsync(deployment, token)),
        ];
        // A first deployment cannot serve, nor be judged, without its schema, and no older release runs that the schema
        // must stay compatible with: its migrations run before its pool starts (Migration then finds nothing due).
        if (deployment.PreviousRelease is null)
            steps.Insert(0, database.Migrations(FirstSchemaStep, database.ConnectionString, FirstSchemaStep));
        return steps;
    }

    private async Task<StepOutcome> DeployAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var (baseline, restored) = await EnsureBaselineAsync(deployment, cancellationToken).ConfigureAwait(false);
        var pool = await environment.DeployPoolAsync(deployment.Release, cancellationToken).ConfigureAwait(false);
        // Only a canary that will be compared needs warming: a cold process would lose to the warm baseline.
        // A first deployment's pool is the only one, so it carries whatever comes; it is promoted only once judged.
        // The warm-up also proves, before the bake, that the metrics see the canary's traffic.
        var seen = baseline is not null
            ? await new CanaryWarmUp(service.Http, service.Contract, service.Token, time) { InstancesReachable = service.InstancesReachable }
                .RunAsync(pool, metrics(environment.Name), cancellationToken).ConfigureAwait(false)
            : null;
        var weights = baseline is not null
            ? new Dictionary<string, int> { [baseline] = 100 - settings.CanaryWeight, [deployment.Release] = settings.CanaryWeight }
            : new Dictionary<string, int> { [deployment.Release] = 100 };
        await environment.SetWeightsAsync(weights, cancellationToken).ConfigureAwait(false);
        var evidence = Evidence.Weights(weights);
        evidence["instances"] = pool.Instances.Count;
        evidence["baseline"] = baseline;
        if (restored) evidence["baselineRestored"] = true;
        ReleaseArtifacts.AddTo(evidence, environment.Inner, deployment.Release);
        if (seen is not null) evidence["metricsSeeWarmUp"] = seen;
        return StepOutcome.Of(evidence, "canary-deployed");
    }

    private async Task<StepOutcome> BakeAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        if ((await EnsureBaselineAsync(deployment, cancellationToken).ConfigureAwait(false)).Baseline is not { } previous)
            return await JudgeWithoutBaselineAsync(deployment, cancellationToken).ConfigureAwait(false);
        // A baseline instance that is gone would fail the comparison (no metrics, 502s): it is the baseline's fault,
        // never the canary's, so it is replaced before the bake starts.
        var replaced = await health.ReplaceUnhealthyAsync(previous, "baseline", cancellationToken).ConfigureAwait(false);
        // Judged against a fresh pool of the previous release (Kayenta's baseline) where the runtime can run one; removed after the bake.
        await using var judged = await BaselinePool.StartAsync(new BaselineContext(settings, environment, session, service, time, logger), deployment, previous, cancellationToken)
            .ConfigureAwait(false);
        var snapshot = await environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        var baseline = judged.Measured(snapshot);
        var canary = SmokeSteps.Canary(snapshot.Pool(deployment.Release) ?? throw MissingPool(deployment.Release));
        var source = judged.Metrics(metrics(environment.Name), baseline, snapshot);
        var (bake, sent) = await BakeUnderLoadAsync(deployment, snapshot.Url, baseline, canary, source, cancellationToken).ConfigureAwait(false);
        var evidence = bake.ToEvidence();
        evidence["baselinePool"] = judged.ToEvidence();
        if (source.Evidence() is { } queries) evidence["metricsQueries"] = queries;
        if (sent is not null) evidence["load"] = sent.ToEvidence();
        if (replaced.Count > 0) evidence["baselineInstancesReplaced"] = new JsonArray([.. replaced.Select(r => (JsonNode?)r)]);
        var verdict = bake.Analysis.Verdict;
        if (verdict == CanaryVerdict.Fail || (verdict == CanaryVerdict.Inconclusive && !Confirmed(bake.Analysis.Reason)))
            throw new CanaryFailedException(deployment.Release, bake.Analysis.Reason, evidence);
        return StepOutcome.Of(evidence, "canary-analysis-passed");
    }

    private async Task<(BakeResult Bake, LoadSnapshot? Load)> BakeUnderLoadAsync(
        Deployment deployment, string? url, CanaryPool baseline, CanaryPool canary, MetricSource source, CancellationToken cancellationToken)
    {
        var options = settings.Canary;
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var generator = load.Create(url, options.BakeDuration + options.Interval);
        var loadRun = generator?.RunAsync(stopLoad.Token);
        // In a terminal a live line per pool replaces the log line of each look; in CI and when piped, log lines.
        var live = BakeLiveLine.Supported(settings.Interactive);
        try
        {
            var baked = await new CanaryBake(new TrafficCheckedSource(source, () => generator is null ? null : SentTraffic.From(generator.Snapshot())), options, time, logger)
                {
                    LookLevel = live ? Serilog.Events.LogEventLevel.Debug : Serilog.Events.LogEventLevel.Information,
                }
                .RunAsync(baseline, canary, live ? new BakeLiveLine(Console.Out, baseline.Release, canary.Release) : null, cancellationToken).ConfigureAwait(false);
            var sent = generator?.Snapshot();
            var bake = baked with { Analysis = baked.Analysis with { Reason = SyntheticLoad.Reason(baked.Analysis.Verdict, baked.Analysis.Reason, sent, url) } };
            await WriteReportAsync(deployment, bake, cancellationToken).ConfigureAwait(false);
            return (bake, sent);
        }
        finally
        {
            await stopLoad.CancelAsync().ConfigureAwait(false);
            if (loadRun is not null) await loadRun.ConfigureAwait(false);
        }
    }

    // The bake's charts, next to the checklist's Markdown and JSON reports.
    private async Task WriteReportAsync(Deployment deployment, BakeResult bake, CancellationToken cancellationToken)
    {
        var path = await CanaryHtmlReport.WriteAsync(
            ChecklistReport.DirectoryFor(settings.TemporaryDirectory, deployment.Id.ToString(CultureInfo.InvariantCulture)),
            deployment.Release, bake.ToEvidence(), cancellationToken).ConfigureAwait(false);
        logger.Information("Canary report written to {Path}", Path.GetRelativePath(settings.RootDirectory, path));
    }

    // No release ever ran here: nothing to compare with, so the release is held to the profile's absolute limits.
    // The statistical check did not run, so its item is not marked done: it is waived by the phase, saying why.
    private async Task<StepOutcome> JudgeWithoutBaselineAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var snapshot = await environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        var pool = SmokeSteps.Canary(snapshot.Pool(deployment.Release) ?? throw MissingPool(deployment.Release));
        var (judgement, evidence) = await absoluteLimits.RunAsync(snapshot.Url, pool, cancellationToken).ConfigureAwait(false);
        var reason = $"{NoBaselineNote}: {judgement.Reason}";
        if (judgement.Verdict == CanaryVerdict.Fail || (judgement.Verdict == CanaryVerdict.Inconclusive && !Confirmed(reason)))
            throw new CanaryFailedException(deployment.Release, reason, evidence);
        logger.Information("Canary of {Release}: {Note}", deployment.Release, reason);
        await checklist.RecordSubstituteAsync(deployment, "canary-analysis-passed", "Canary", reason, evidence, cancellationToken).ConfigureAwait(false);
        return StepOutcome.Of(evidence, AbsoluteLimitsCheck);
    }

    // The baseline is the previous release's pool. Recorded but not running (after Down, or a crash), it is started
    // again and given back its traffic first, so that the canary is judged against it and never takes more than its weight.
    private async Task<(string? Baseline, bool Restored)> EnsureBaselineAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        if (deployment.PreviousRelease is not { } previous) return (null, false);
        if (previous == deployment.Release)
            throw new InvalidOperationException($"{previous} is already the live release in {environment.Name}: there is nothing to canary. Deploy another version.");
        var snapshot = await environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        if (snapshot.Pool(previous) is not null) return (previous, false);
        logger.Warning("The previous release {Previous} is recorded as live in {Environment} but does not run: restoring its pool to judge {Release} against it",
            previous, environment.Name, deployment.Release);
        await environment.DeployPoolAsync(previous, cancellationToken).ConfigureAwait(false);
        // The router runs again: the canary's traffic goes under the lease from here on.
        await session.LeaseTrafficAsync(previous, cancellationToken).ConfigureAwait(false);
        var weights = (await environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Pools.ToDictionary(p => p.Release, p => p.Weight);
        if (weights.Values.Sum() != 100)
            await environment.SetWeightsAsync(weights.ToDictionary(w => w.Key, w => w.Key == previous ? 100 : 0), cancellationToken).ConfigureAwait(false);
        return (previous, true);
    }

    // Too little data: CI cannot decide, so it fails; a person at a terminal may decide.
    private bool Confirmed(string reason)
    {
        if (!settings.Interactive || settings.Confirm is null) return false;
        return settings.Confirm($"The canary analysis is inconclusive ({reason}). Continue the rollout?");
    }

    private static InvalidOperationException MissingPool(string release) =>
        new($"No pool of {release} runs: the canary cannot be compared. Run ./build.sh Status to see what runs.");
}

/// <summary>The canary analysis failed: the release must not go further.</summary>
public sealed class CanaryFailedException(string release, string reason, JsonObject evidence)
    : StepFailedException($"The canary of {release} failed its analysis: {reason}", evidence);
