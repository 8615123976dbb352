using Runway.Canary;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

/// <summary>
/// The statistics of the canary judge pinned to values computed independently with mpmath 1.3 (Python, 40 digits):
/// ncdf and erfinv for the normal distribution, binomial/betainc for the exact test's mid-p, and adaptive quadrature
/// (not a grid) of the crossing probabilities for the group-sequential boundaries.
/// </summary>
public sealed class ReferenceValueTests
{
    [Theory]
    [InlineData(-8, 6.220960574271784e-16)]
    [InlineData(-3, 0.0013498980316300946)]
    [InlineData(-1, 0.15865525393145705)]
    [InlineData(0, 0.5)]
    [InlineData(1.5, 0.9331927987311419)]
    [InlineData(4, 0.9999683287581669)]
    public void NormalCdf_MatchesMpmath(double z, double expected)
    {
        NormalDistribution.Cdf(z).ShouldBe(expected, Math.Max(1e-15, expected * 1e-12));
    }

    [Theory]
    [InlineData(4, 3.1671241833119924e-05)]
    [InlineData(6, 9.86587645037698e-10)]
    [InlineData(10, 7.619853024160525e-24)]
    public void NormalUpperTail_FarIntoTheTail_KeepsRelativePrecision(double z, double expected)
    {
        NormalDistribution.UpperTail(z).ShouldBe(expected, expected * 1e-8);
    }

    [Theory]
    [InlineData(1e-10, -6.361340902404057)]
    [InlineData(0.001, -3.0902323061678136)]
    [InlineData(0.025, -1.9599639845400543)]
    [InlineData(0.3, -0.5244005127080408)]
    [InlineData(0.5, 0)]
    [InlineData(0.975, 1.9599639845400543)]
    public void NormalQuantile_MatchesMpmath(double p, double expected)
    {
        NormalDistribution.Quantile(p).ShouldBe(expected, 1e-9);
    }

    [Theory]
    [InlineData(0, 540, 1, 60, 0.05, 1.6448536269514726)]
    [InlineData(10, 1000, 5, 100, 0.004963355916330758, 2.578371827794283)]
    [InlineData(200, 18000, 40, 2000, 0.0007185906769899055, 3.187077750410526)]
    [InlineData(900, 90000, 150, 10000, 5.733242904955679e-06, 4.387492667545512)]
    [InlineData(0, 100, 0, 100, 0.5, 0)]
    [InlineData(3, 900, 0, 100, 0.6355, -0.3464560610658367)]
    [InlineData(5000, 90000, 600, 10000, 0.038457121345174365, 1.7688779618043668)]
    public void ExactErrorTest_MidPAndZ_MatchMpmath(double baselineErrors, double baselineRequests, double canaryErrors, double canaryRequests, double midP, double z)
    {
        var result = ExactErrorTest.Greater(baselineErrors, baselineRequests, canaryErrors, canaryRequests);

        result.PValue.ShouldBe(midP, midP * 1e-9);
        result.Z.ShouldBe(z, 1e-8);
    }

    [Fact]
    public void HwangShihDeCani_SpendsAlphaByTheFormula()
    {
        var spending = new AlphaSpending(0.025, -4);

        spending.Spent(0.5).ShouldBe(0.0029800730505529388, 1e-15);
        spending.Spent(1).ShouldBe(0.025, 1e-15);
        spending.Spent(2).ShouldBe(0.025, 1e-15);
    }

    // mpmath: b1 from the normal quantile, each later b by findroot on the crossing probability integrated by quad.
    [Theory]
    [InlineData(new[] { 1.0 }, new[] { 1.9599639845400543 })]
    [InlineData(new[] { 0.5, 1.0 }, new[] { 2.7499659318352183, 1.9811314717388848 })]
    public void SequentialBoundary_HwangShihDeCaniMinusFour_MatchesQuadrature(double[] fractions, double[] expected)
    {
        var boundaries = SequentialBoundary.Plan(new AlphaSpending(0.025, -4), fractions);

        boundaries.Count.ShouldBe(expected.Length);
        for (var i = 0; i < expected.Length; i++) boundaries[i].ShouldBe(expected[i], 1e-4);
    }

    // Independent of the grid integration: under no difference Z_k is a Brownian motion in information time, so
    // paths simulated look by look must cross the 30 boundaries of a 30-look bake at rate α, and at each look at the
    // rate the spending function releases.
    [Theory]
    [InlineData(0.025)]
    [InlineData(0.01)]
    public void SequentialBoundary_ThirtyLooks_NullPathsCrossAtRateAlpha(double alpha)
    {
        var spending = new AlphaSpending(alpha, -4);
        var fractions = Enumerable.Range(1, 30).Select(k => k / 30.0).ToArray();
        var boundaries = SequentialBoundary.Plan(spending, fractions);
        var random = new Random(7);
        const int paths = 400_000;
        var crossedBy = new int[30];
        for (var path = 0; path < paths; path++)
        {
            double sum = 0;
            for (var k = 0; k < 30; k++)
            {
                sum += Normal(random) * Math.Sqrt(1 / 30.0);
                if (sum / Math.Sqrt(fractions[k]) >= boundaries[k])
                {
                    crossedBy[k]++;
                    break;
                }
            }
        }

        var crossed = crossedBy.Sum() / (double)paths;
        crossed.ShouldBe(alpha, 4 * Math.Sqrt(alpha * (1 - alpha) / paths));
        var byHalf = crossedBy.Take(15).Sum() / (double)paths;
        byHalf.ShouldBe(spending.Spent(0.5), 4 * Math.Sqrt(spending.Spent(0.5) / paths));
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    // Hand-computed by Prometheus's documented algorithm (promql/quantile.go bucketQuantile): rank = q·count; the
    // first bucket whose cumulative count reaches the rank holds it; interpolate linearly from its lower bound.
    [Theory]
    [InlineData(0.5, 0.005 + (0.005 * 500 / 900))]   // rank 500 in (0.005, 0.01] holding 900
    [InlineData(0.95, 0.025 + (0.025 * 50 / 100))]   // rank 950: 50 into (0.025, 0.05] holding 100
    [InlineData(0.99, 0.025 + (0.025 * 90 / 100))]
    public void HistogramQuantile_InterpolatesLikePrometheus(double q, double expected)
    {
        LatencyBucket[] buckets = [new(0.005, 0), new(0.01, 900), new(0.025, 900), new(0.05, 1000), new(double.PositiveInfinity, 1000)];

        HistogramQuantile.Of(buckets, q)!.Value.ShouldBe(expected, 1e-12);
    }

    [Fact]
    public void HistogramQuantile_InTheInfBucket_IsTheHighestFiniteBound()
    {
        LatencyBucket[] buckets = [new(0.1, 10), new(0.5, 20), new(double.PositiveInfinity, 100)];

        HistogramQuantile.Of(buckets, 0.5)!.Value.ShouldBe(0.5);
        HistogramQuantile.Of(buckets, 0.1)!.Value.ShouldBe(0.1);     // rank 10 reached exactly by the first bucket
        HistogramQuantile.Of(buckets, 0.05)!.Value.ShouldBe(0.05);    // first bucket starts at 0
        HistogramQuantile.Of([new(0.1, 0), new(double.PositiveInfinity, 0)], 0.5).ShouldBeNull();
    }
}
