namespace Runway.Canary;

/// <summary>The outcome of a one-sided Mann-Whitney U test.</summary>
/// <param name="U">Pairs (first, second) where the second observation is larger, ties counting one half.</param>
/// <param name="Z">The normal approximation's z, with continuity and tie corrections.</param>
/// <param name="PValue">P(U ≥ observed) under the hypothesis that both samples come from one distribution.</param>
public sealed record MannWhitneyResult(double U, double Z, double PValue);

/// <summary>
/// Mann-Whitney U test, one-sided (are the second sample's values larger?), by the normal approximation with tie
/// correction. Works on grouped data (counts per ordered category, such as histogram buckets) so that thousands of
/// tied observations cost one step per bucket.
/// </summary>
public static class MannWhitneyTest
{
    /// <summary>Tests grouped samples: <paramref name="first"/>[k] and <paramref name="second"/>[k] count observations in category k, categories ascending.</summary>
    public static MannWhitneyResult GreaterByCounts(IReadOnlyList<double> first, IReadOnlyList<double> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count)
        {
            throw new ArgumentException("Both samples must count the same categories.", nameof(second));
        }

        double n1 = first.Sum(), n2 = second.Sum(), n = n1 + n2;
        if (n1 <= 0 || n2 <= 0)
        {
            return new MannWhitneyResult(0, 0, 1);
        }

        double rankSum = 0, below = 0, tieTerm = 0;
        for (var k = 0; k < first.Count; k++)
        {
            var tied = first[k] + second[k];
            rankSum += second[k] * (below + ((tied + 1) / 2));
            tieTerm += (tied * tied * tied) - tied;
            below += tied;
        }

        var u = rankSum - (n2 * (n2 + 1) / 2);
        var variance = n1 * n2 / 12 * (n + 1 - (tieTerm / (n * (n - 1))));
        if (variance <= 0)
        {
            return new MannWhitneyResult(u, 0, 1);
        }

        var z = (u - (n1 * n2 / 2) - 0.5) / Math.Sqrt(variance);
        return new MannWhitneyResult(u, z, NormalDistribution.UpperTail(z));
    }

    /// <summary>Tests raw observations: are <paramref name="second"/>'s values larger than <paramref name="first"/>'s?</summary>
    public static MannWhitneyResult GreaterByObservations(IEnumerable<double> first, IEnumerable<double> second)
    {
        var a = first.ToList();
        var b = second.ToList();
        var categories = a.Concat(b).Distinct().Order().ToList();
        var index = categories.Select((value, i) => (value, i)).ToDictionary(x => x.value, x => x.i);
        var countsA = new double[categories.Count];
        var countsB = new double[categories.Count];
        a.ForEach(value => countsA[index[value]]++);
        b.ForEach(value => countsB[index[value]]++);
        return GreaterByCounts(countsA, countsB);
    }
}
