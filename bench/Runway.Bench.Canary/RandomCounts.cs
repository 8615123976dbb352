namespace Runway.Bench.Canary;

/// <summary>Poisson, binomial and multinomial counts, exact for small means and normal beyond (means of 30 and up).</summary>
internal sealed class RandomCounts(int seed)
{
    private readonly Random _random = new(seed);

    public long Poisson(double mean)
    {
        if (mean <= 0) return 0;
        if (mean >= 30) return Math.Max(0, (long)Math.Round(mean + (Math.Sqrt(mean) * Normal())));
        var limit = Math.Exp(-mean);
        long k = 0;
        for (var product = _random.NextDouble(); product > limit; product *= _random.NextDouble()) k++;
        return k;
    }

    public long Binomial(long n, double p)
    {
        if (n <= 0 || p <= 0) return 0;
        if (p >= 1) return n;
        var mean = n * p;
        if (mean >= 30 && n * (1 - p) >= 30) return Math.Clamp((long)Math.Round(mean + (Math.Sqrt(mean * (1 - p)) * Normal())), 0, n);
        if (n <= 60) return Count(n, p);
        // Few successes among many: the gaps between successes are geometric.
        return p < 0.5 ? Sparse(n, p) : n - Sparse(n, 1 - p);
    }

    /// <summary>Spreads <paramref name="n"/> observations over categories of the given probabilities (summing to 1).</summary>
    public long[] Multinomial(long n, IReadOnlyList<double> probabilities)
    {
        var counts = new long[probabilities.Count];
        var left = 1d;
        for (var i = 0; i < probabilities.Count && n > 0; i++)
        {
            counts[i] = i == probabilities.Count - 1 ? n : Binomial(n, Math.Clamp(probabilities[i] / left, 0, 1));
            n -= counts[i];
            left -= probabilities[i];
        }

        return counts;
    }

    public double Normal()
    {
        var u = 1 - _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * _random.NextDouble());
    }

    private long Count(long n, double p)
    {
        long k = 0;
        for (long i = 0; i < n; i++) k += _random.NextDouble() < p ? 1 : 0;
        return k;
    }

    private long Sparse(long n, double p)
    {
        long k = 0;
        var logQ = Math.Log(1 - p);
        for (var position = (long)Math.Floor(Math.Log(1 - _random.NextDouble()) / logQ); position < n; position += 1 + (long)Math.Floor(Math.Log(1 - _random.NextDouble()) / logQ)) k++;
        return k;
    }
}
