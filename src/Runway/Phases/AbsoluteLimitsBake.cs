using System.Text.Json.Nodes;
using Runway.Canary;
using Runway.Load;

namespace Runway.Phases;

/// <summary>
/// The bake of a release that has no baseline (its first deployment to an environment): the same duration and
/// interval as a canary bake, under the same synthetic load, but judged against <see cref="AbsoluteLimits"/>. A
/// breach stops it at once; a pass needs the whole duration and enough requests.
/// </summary>
public sealed class AbsoluteLimitsBake(DeploymentServices services)
{
    /// <summary>Bakes <paramref name="pool"/> behind <paramref name="url"/>; returns the last judgement and its evidence.</summary>
    public async Task<(AbsoluteJudgement Judgement, JsonObject Evidence)> RunAsync(string? url, CanaryPool pool, CancellationToken cancellationToken)
    {
        var options = services.Settings.Canary;
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var load = Load(url, options.BakeDuration + options.Interval);
        var loadRun = load?.RunAsync(stopLoad.Token);
        try
        {
            var (judgement, elapsed) = await JudgeAsync(pool, cancellationToken).ConfigureAwait(false);
            var evidence = judgement.ToEvidence();
            evidence["bakeSeconds"] = Math.Round(elapsed.TotalSeconds, 1);
            if (load is not null) evidence["load"] = load.Snapshot().ToEvidence();
            return (judgement, evidence);
        }
        finally
        {
            await stopLoad.CancelAsync().ConfigureAwait(false);
            if (loadRun is not null) await loadRun.ConfigureAwait(false);
        }
    }

    private async Task<(AbsoluteJudgement, TimeSpan)> JudgeAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        var (options, limits, time) = (services.Settings.Canary, services.Settings.Limits, services.Time);
        var metrics = services.CreateMetricSource(services.Environment.Name).Source;
        var started = time.GetTimestamp();
        var window = new CounterWindow();
        window.Add(await metrics.ReadAsync(pool, cancellationToken).ConfigureAwait(false));
        services.Logger.Information("No baseline: {Release} is judged against absolute limits (error rate at most {MaxErrorRate:P2}, p{Quantile} latency at most {MaxLatency}) for {Duration}",
            pool.Release, limits.MaxErrorRate, limits.LatencyQuantile * 100, HumanDuration.Format(limits.MaxLatency), HumanDuration.Format(options.BakeDuration));
        while (true)
        {
            var remaining = options.BakeDuration - time.GetElapsedTime(started);
            await Task.Delay(remaining < options.Interval ? remaining : options.Interval, time, cancellationToken).ConfigureAwait(false);
            window.Add(await metrics.ReadAsync(pool, cancellationToken).ConfigureAwait(false));
            var judgement = limits.Judge(pool.Release, window.Totals());
            var elapsed = time.GetElapsedTime(started);
            services.Logger.Information("Absolute-limits bake of {Release}: {Requests:0} requests, so far {Verdict}: {Reason}",
                pool.Release, judgement.Requests, judgement.Verdict, judgement.Reason);
            if (judgement.Verdict == CanaryVerdict.Fail || elapsed >= options.BakeDuration)
                return (judgement, elapsed);
        }
    }

    private LoadGenerator? Load(string? url, TimeSpan duration) =>
        services.Settings.SyntheticLoad && url is not null
            ? new LoadGenerator(services.Http, new LoadOptions
            {
                Target = new Uri(url),
                Token = services.ServiceToken,
                Request = services.Contract.Request,
                ReleaseHeader = services.Contract.ReleaseHeader,
                RequestsPerSecond = services.Settings.LoadRequestsPerSecond,
                Duration = duration,
            }, services.Time, services.Logger)
            : null;
}
