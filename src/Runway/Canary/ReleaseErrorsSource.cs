namespace Runway.Canary;

/// <summary>
/// Reads a fresh baseline pool as the bake should judge it: its latency from its own instances only, and its requests
/// and errors from every pool of its release (the fresh pool and the live one). Latency is what a pool's load bends (a
/// busy instance answers faster than one serving a tenth of the traffic, which failed healthy canaries), so it is held
/// against a pool exactly as new and as busy as the canary. An error rate is the release's, not its load's: counted
/// over the live pool's many requests too, a canary erring at 20 % is told apart within a short bake, where against
/// the fresh pool's few requests alone it often was not (see bench/RESULTS.md, canary).
/// </summary>
public sealed class ReleaseErrorsSource(IMetricsSource inner, CanaryPool fresh, CanaryPool live) : IMetricsSource
{
    // Kept apart from the fresh pool's series even where a source reads pool totals (instance ""), so no two are merged.
    private const string LivePrefix = "live:";

    /// <inheritdoc />
    public async Task<PoolCounters> ReadAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pool);
        // The bake reads the very pool it was given, so the fresh pool is known by reference (the live one carries its release too).
        if (!ReferenceEquals(pool, fresh)) return await inner.ReadAsync(pool, cancellationToken).ConfigureAwait(false);
        var freshRead = inner.ReadAsync(fresh, cancellationToken);
        var liveRead = inner.ReadAsync(live, cancellationToken);
        return Merge(await freshRead.ConfigureAwait(false), await liveRead.ConfigureAwait(false));
    }

    /// <summary>The fresh pool's counters with the live pool's requests and errors added (its latency left out).</summary>
    public static PoolCounters Merge(PoolCounters fresh, PoolCounters live)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        ArgumentNullException.ThrowIfNull(live);
        var liveCounts = live.SeriesOrTotals().Where(s => s.Kind != SeriesKind.Bucket).Select(s => s with { Instance = LivePrefix + s.Instance });
        return new PoolCounters(fresh.Requests + live.Requests, fresh.Errors + live.Errors, fresh.Latency)
        {
            Series = [.. fresh.SeriesOrTotals(), .. liveCounts],
        };
    }
}
