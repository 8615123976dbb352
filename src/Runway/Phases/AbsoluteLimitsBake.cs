using System.Text.Json.Nodes;
using Runway.Canary;
using Runway.Load;
using Runway.Service.Metrics;

namespace Runway.Phases;

/// <summary>
/// The bake of a release that has no baseline (its first deployment to an environment): the same duration and
/// interval as a canary bake, under the same synthetic load, but judged against <see cref="AbsoluteLimits"/>. A
/// breach stops it at once; a pass needs the whole duration and enough requests.
/// </summary>
/// <param name="options">The bake's duration and interval (the canary's).</param>
/// <param name="limits">The limits a release is held to.</param>
/// <param name="metrics">Makes a fresh metric source of the environment.</param>
/// <param name="load">The synthetic load the bake runs under.</param>
/// <param name="time">The clock.</param>
/// <param name="logger">The run's log.</param>
public sealed class AbsoluteLimitsBake(CanaryOptions options, AbsoluteLimits limits, Func<MetricSource> metrics, SyntheticLoad load, TimeProvider time, Serilog.ILogger logger)
{
    /// <summary>Bakes <paramref name="pool"/> behind <paramref name="url"/>; returns the last judgement and its evidence.</summary>
    public async Task<(AbsoluteJudgement Judgement, JsonObject Evidence)> RunAsync(string? url, CanaryPool pool, CancellationToken cancellationToken)
    {
        using var stopLoad = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var generator = load.Create(url, options.BakeDuration + options.Interval);
        var loadRun = generator?.RunAsync(stopLoad.Token);
        try
        {
            var (judged, elapsed) = await JudgeAsync(pool, cancellationToken).ConfigureAwait(false);
            var sent = generator?.Snapshot();
            var judgement = judged with { Reason = SyntheticLoad.Reason(judged.Verdict, judged.Reason, sent, url) };
            var evidence = judgement.ToEvidence();
            evidence["bakeSeconds"] = Math.Round(elapsed.TotalSeconds, 1);
            if (sent is not null) evidence["load"] = sent.ToEvidence();
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
        var source = metrics().Source;
        var clock = new BakeClock(options, time);
        var window = new CounterWindow();
        window.Add(await source.ReadAsync(pool, cancellationToken).ConfigureAwait(false));
        logger.Information("No baseline: {Release} is judged against absolute limits (error rate at most {MaxErrorRate:P2}, p{Quantile} latency at most {MaxLatency}) for {Duration}",
            pool.Release, limits.MaxErrorRate, limits.LatencyQuantile * 100, HumanDuration.Format(limits.MaxLatency), HumanDuration.Format(options.BakeDuration));
        while (true)
        {
            await clock.UntilNextLookAsync(cancellationToken).ConfigureAwait(false);
            window.Add(await source.ReadAsync(pool, cancellationToken).ConfigureAwait(false));
            var judgement = limits.Judge(pool.Release, window.Totals());
            var elapsed = clock.Elapsed;
            logger.Information("Absolute-limits bake of {Release}: {Requests:0} requests, so far {Verdict}: {Reason}",
                pool.Release, judgement.Requests, judgement.Verdict, judgement.Reason);
            if (judgement.Verdict == CanaryVerdict.Fail || elapsed >= options.BakeDuration)
                return (judgement, elapsed);
        }
    }
}
