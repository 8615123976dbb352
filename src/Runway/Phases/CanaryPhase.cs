using System.Globalization;
using System.Text.Json.Nodes;
using Runway.Canary;
using Runway.Checklists.Reports;
using Runway.Ledger;
using Runway.Load;

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
        if (baseline is not null)
            await new CanaryWarmUp(services.Http, services.Topology.ServiceToken, services.Time).RunAsync(pool, cancellationToken).ConfigureAwait(false);
        var weights = baseline is not null
            ? new Dictionary<string, int> { [baseline] = 100 - services.Settings.CanaryWeight, [deployment.Release] = services.Settings.CanaryWeight }
            : new Dictionary<string, int> { [deployment.Release] = 100 };
        await services.Environment.SetWeightsAsync(weights, cancellationToken).ConfigureAwait(false);
        var evidence = Evidence.Weights(weights);
        evidence["instances"] = pool.Instances.Count;
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
        var (bake, load) = await BakeUnderLoadAsync(deployment, snapshot.Url, baseline, canary, cancellationToken).ConfigureAwait(false);
        var evidence = bake.ToEvidence();
        if (load is not null) evidence["load"] = load.ToEvidence();
        var verdict = bake.Analysis.Verdict;
        if (verdict == CanaryVerdict.Fail || (verdict == CanaryVerdict.Inconclusive && !Confirmed(bake)))
            throw new CanaryFailedException(deployment.Release, bake.Analysis.Reason, evidence);
        return StepOutcome.Of(evidence, "canary-analysis-passed");
    }

    private async Task<(BakeResult Bake, LoadSnapshot? Load)> BakeUnderLoadAsync(
        Deployment deployment, string? url, CanaryPool baseline, CanaryPool canary, CancellationToken cancellationToken)
    {
        var options = services.Settings.Canary;
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var load = services.Settings.SyntheticLoad && url is not null
            ? new LoadGenerator(services.Http, new LoadOptions
            {
                Target = new Uri(url),
                Token = services.Topology.ServiceToken,
                RequestsPerSecond = services.Settings.LoadRequestsPerSecond,
                Duration = options.BakeDuration + options.Interval,
            }, services.Time, services.Logger)
            : null;
        var loadRun = load?.RunAsync(stopLoad.Token);
        // In a terminal a live line per pool replaces the log line of each look; in CI and when piped, log lines.
        var live = BakeLiveLine.Supported(services.Settings.Interactive);
        try
        {
            var bake = await new CanaryBake(new ScrapeMetricsSource(services.Http, services.Time), options, services.Time, services.Logger)
                {
                    LookLevel = live ? Serilog.Events.LogEventLevel.Debug : Serilog.Events.LogEventLevel.Information,
                }
                .RunAsync(baseline, canary, live ? new BakeLiveLine(Console.Out, baseline.Release, canary.Release) : null, cancellationToken).ConfigureAwait(false);
            await WriteReportAsync(deployment, bake, cancellationToken).ConfigureAwait(false);
            return (bake, load?.Snapshot());
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
            ChecklistReport.DirectoryFor(services.Settings.TemporaryDirectory, deployment.Id.ToString(CultureInfo.InvariantCulture)),
            deployment.Release, bake.ToEvidence(), cancellationToken).ConfigureAwait(false);
        services.Logger.Information("Canary report written to {Path}", Path.GetRelativePath(services.Settings.RootDirectory, path));
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
