using Runway.Canary;

namespace Runway.Bench.Canary;

/// <summary>
/// One cell of the grid: total traffic, the share sent to the canary, both pools' error rates, and lognormal latency
/// (median and spread), counted into the sample service's buckets. Against a fresh baseline (<see cref="FreshBaseline"/>)
/// a pool of the canary's share starts at the bake (counters from zero) and gives the latency, while the errors are
/// counted over it and the live pool together, as <see cref="ReleaseErrorsSource"/> reads them.
/// </summary>
internal sealed record Scenario(double RequestsPerSecond, double BaselineErrorRate, double CanaryErrorRate, double BaselineMedian, double CanaryMedian)
{
    /// <summary>True: judged against a fresh pool of the canary's share (Kayenta's baseline); false: the live pool (the rest).</summary>
    public static bool FreshBaseline { get; set; }

    public const double Sigma = 0.5;
    public const double CanaryShare = 0.1;
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    public const int Looks = 30;

    /// <summary>The sample service's bucket bounds (src/Runway.Sample/Metrics/HttpMetrics.cs).</summary>
    public static readonly double[] Bounds = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, double.PositiveInfinity];

    /// <summary>Cumulative counters of both pools at the bake's start and each look, drawn afresh for one bake.</summary>
    public Trajectory Draw(RandomCounts random) =>
        new(FreshBaseline ? Fresh(random) : Pool(random, (1 - CanaryShare) * RequestsPerSecond, BaselineErrorRate, BaselineMedian, 3600),
            Pool(random, CanaryShare * RequestsPerSecond, CanaryErrorRate, CanaryMedian, 3600));

    // As Runway reads a fresh baseline (ReleaseErrorsSource): latency from the fresh pool (the canary's share, counters
    // from zero), requests and errors from it and the live pool (the rest) together.
    private PoolCounters[] Fresh(RandomCounts random)
    {
        var fresh = Pool(random, CanaryShare * RequestsPerSecond, BaselineErrorRate, BaselineMedian, 0);
        var live = Pool(random, (1 - 2 * CanaryShare) * RequestsPerSecond, BaselineErrorRate, BaselineMedian, 3600);
        return [.. fresh.Zip(live, ReleaseErrorsSource.Merge)];
    }

    private static PoolCounters[] Pool(RandomCounts random, double rate, double errorRate, double median, double secondsBefore)
    {
        var probabilities = BucketProbabilities(median);
        // Counters start where earlier traffic left them: an hour's for a running pool, none for a fresh one.
        var requests = random.Poisson(rate * secondsBefore);
        var errors = random.Binomial(requests, errorRate);
        var buckets = random.Multinomial(requests, probabilities);
        var readings = new PoolCounters[Looks + 1];
        readings[0] = Counters(requests, errors, buckets);
        for (var look = 1; look <= Looks; look++)
        {
            var n = random.Poisson(rate * Interval.TotalSeconds);
            requests += n;
            errors += random.Binomial(n, errorRate);
            var added = random.Multinomial(n, probabilities);
            for (var i = 0; i < buckets.Length; i++) buckets[i] += added[i];
            readings[look] = Counters(requests, errors, buckets);
        }

        return readings;
    }

    private static PoolCounters Counters(long requests, long errors, long[] buckets)
    {
        var latency = new LatencyBucket[Bounds.Length];
        long cumulative = 0;
        for (var i = 0; i < Bounds.Length; i++) latency[i] = new LatencyBucket(Bounds[i], cumulative += buckets[i]);
        return new PoolCounters(requests, errors, latency);
    }

    private static double[] BucketProbabilities(double median)
    {
        var probabilities = new double[Bounds.Length];
        var below = 0d;
        for (var i = 0; i < Bounds.Length; i++)
        {
            var cdf = double.IsPositiveInfinity(Bounds[i]) ? 1 : NormalDistribution.Cdf(Math.Log(Bounds[i] / median) / Sigma);
            probabilities[i] = cdf - below;
            below = cdf;
        }

        return probabilities;
    }
}

/// <summary>Both pools' cumulative counters at the start (index 0) and at each look.</summary>
internal sealed record Trajectory(PoolCounters[] Baseline, PoolCounters[] Canary);
