using Runway.Canary;
using Shouldly;
using Xunit;

namespace Runway.Tests.Canary;

public sealed class StatisticsTests
{
    // Expected values from Python's math.erfc (an independent implementation): 0.5 * erfc(-z / sqrt(2)).
    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1.96, 0.9750021048517795)]
    [InlineData(-1, 0.15865525393145707)]
    [InlineData(3, 0.9986501019683699)]
    [InlineData(1.6448536269514722, 0.95)]
    public void Cdf_KnownPoints_MatchesReference(double z, double expected)
    {
        NormalDistribution.Cdf(z).ShouldBe(expected, 2e-7);
    }

    [Theory]
    [InlineData(20, 1000, 40, 1000, 2.6216125254653817, 0.004375743328279169)]
    [InlineData(5, 200, 5, 200, 0, 0.5)]
    [InlineData(30, 600, 12, 400, -1.5446433419988934, 0.9387837217941495)]
    public void TwoProportionZTest_KnownCounts_MatchesPooledZAndUpperTail(double x1, double n1, double x2, double n2, double z, double p)
    {
        var result = TwoProportionZTest.Greater(x1, n1, x2, n2);

        result.Z.ShouldBe(z, 1e-9);
        result.PValue.ShouldBe(p, 2e-7);
    }

    [Fact]
    public void TwoProportionZTest_NoErrorsAnywhere_IsNotSignificant()
    {
        TwoProportionZTest.Greater(0, 500, 0, 500).PValue.ShouldBe(1);
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }, new double[] { 5, 6, 7, 8, 9, 10, 11, 12, 13 })]
    [InlineData(new double[] { 1, 1, 2, 2, 2, 3, 5, 5 }, new double[] { 2, 3, 3, 4, 5, 5, 6, 6 })]
    [InlineData(new double[] { 3, 4, 2, 6, 2, 5 }, new double[] { 9, 7, 5, 10, 6, 8 })]
    [InlineData(new double[] { 9, 7, 5, 10, 6, 8, 4 }, new double[] { 3, 4, 2, 6, 2, 5 })]
    public void MannWhitney_SmallSamples_UEqualsPairCountAndPValueIsCloseToExactPermutationTest(double[] first, double[] second)
    {
        var result = MannWhitneyTest.GreaterByObservations(first, second);

        result.U.ShouldBe(PairCount(first, second));
        result.PValue.ShouldBe(ExactUpperTail(first, second), 0.02);
    }

    [Fact]
    public void MannWhitney_GroupedCountsAndRawObservations_Agree()
    {
        double[] baseline = [1, 1, 1, 2, 2, 3];
        double[] canary = [2, 3, 3, 3, 4];

        var grouped = MannWhitneyTest.GreaterByCounts([3, 2, 1, 0], [0, 1, 3, 1]);
        var raw = MannWhitneyTest.GreaterByObservations(baseline, canary);

        grouped.ShouldBe(raw);
    }

    [Fact]
    public void MannWhitney_AllObservationsTied_IsNotSignificant()
    {
        MannWhitneyTest.GreaterByCounts([100, 0], [80, 0]).PValue.ShouldBe(1);
    }

    private static double PairCount(double[] first, double[] second) =>
        first.Sum(a => second.Sum(b => b > a ? 1 : b == a ? 0.5 : 0));

    // Exact one-sided p value: over every way of splitting the pooled values into groups of the same sizes,
    // the share whose pair count is at least the observed one.
    private static double ExactUpperTail(double[] first, double[] second)
    {
        var pooled = first.Concat(second).ToArray();
        var observed = PairCount(first, second);
        int atLeast = 0, total = 0;
        foreach (var chosen in Combinations(pooled.Length, second.Length))
        {
            var set = chosen.ToHashSet();
            var b = pooled.Where((_, i) => set.Contains(i)).ToArray();
            var a = pooled.Where((_, i) => !set.Contains(i)).ToArray();
            total++;
            atLeast += PairCount(a, b) >= observed - 1e-9 ? 1 : 0;
        }

        return (double)atLeast / total;
    }

    private static IEnumerable<int[]> Combinations(int n, int k)
    {
        var indices = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])indices.Clone();
            var i = k - 1;
            while (i >= 0 && indices[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            indices[i]++;
            for (var j = i + 1; j < k; j++)
            {
                indices[j] = indices[j - 1] + 1;
            }
        }
    }
}
