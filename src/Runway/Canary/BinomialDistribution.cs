namespace Runway.Canary;

/// <summary>Binomial tail probabilities through the regularized incomplete beta function, cheap at any count.</summary>
public static class BinomialDistribution
{
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>P(X = <paramref name="k"/>) for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public static double Probability(int k, int n, double p)
    {
        if (k < 0 || k > n) return 0;
        if (p <= 0) return k == 0 ? 1 : 0;
        if (p >= 1) return k == n ? 1 : 0;
        return Math.Exp(LogGamma(n + 1) - LogGamma(k + 1) - LogGamma(n - k + 1) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p)));
    }

    /// <summary>P(X ≥ <paramref name="k"/>) for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>).</summary>
    public static double UpperTail(int k, int n, double p)
    {
        if (k <= 0) return 1;
        if (k > n) return 0;
        return RegularizedBeta(p, k, n - k + 1);
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    /// <summary>I_x(a, b), the regularized incomplete beta function (continued fraction; Numerical Recipes 6.4).</summary>
    public static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - (front * ContinuedFraction(1 - x, b, a) / b);
    }

    private static double ContinuedFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - ((a + b) * x / (a + 1));
        d = 1 / NotZero(d, tiny);
        var h = d;
        for (var m = 1; m <= 100_000; m++)
        {
            var even = m * (b - m) * x / ((a - 1 + (2 * m)) * (a + (2 * m)));
            d = 1 / NotZero(1 + (even * d), tiny);
            c = NotZero(1 + (even / c), tiny);
            h *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + (2 * m)) * (a + 1 + (2 * m)));
            d = 1 / NotZero(1 + (odd * d), tiny);
            c = NotZero(1 + (odd / c), tiny);
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-15) break;
        }

        return h;
    }

    private static double NotZero(double value, double tiny) => Math.Abs(value) < tiny ? tiny : value;
}
