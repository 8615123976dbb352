namespace Runway.Canary;

/// <summary>The standard normal distribution without a statistics library: tails to a relative 1e-8 down to 1e-24.</summary>
public static class NormalDistribution
{
    private static readonly double SqrtTwoPi = Math.Sqrt(2 * Math.PI);

    /// <summary>P(Z ≤ z) for a standard normal Z.</summary>
    public static double Cdf(double z) => double.IsNaN(z) ? double.NaN : z > 0 ? 1 - LowerTail(-z) : LowerTail(z);

    /// <summary>P(Z ≥ z): the one-sided p value of an upper-tail test, accurate far into the tail.</summary>
    public static double UpperTail(double z) => double.IsNaN(z) ? double.NaN : z < 0 ? 1 - LowerTail(z) : LowerTail(-z);

    /// <summary>The standard normal density at <paramref name="z"/>.</summary>
    public static double Density(double z) => Math.Exp(-z * z / 2) / SqrtTwoPi;

    /// <summary>The z with P(Z ≤ z) = <paramref name="p"/>; ±infinity at 0 and 1.</summary>
    public static double Quantile(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        if (p > 0.5) return -Quantile(1 - p);
        var x = AcklamQuantile(p);
        // One Halley step against the precise lower tail brings Acklam's 1e-9 to full precision.
        var u = (Cdf(x) - p) * SqrtTwoPi * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    /// <summary>The z with P(Z ≥ z) = <paramref name="p"/>: a one-sided p value turned back into a z.</summary>
    public static double UpperQuantile(double p) => -Quantile(p);

    // P(Z ≤ z) for z ≤ 0: Hart's algorithm 5666 (1968) as given by West, "Better approximations to cumulative normal
    // functions" (2005): about 1e-15 absolute and 1e-8 relative far into the tail.
    private static double LowerTail(double z)
    {
        var x = Math.Abs(z);
        if (x > 37) return 0;
        var exponential = Math.Exp(-x * x / 2);
        if (x < 7.07106781186547)
        {
            var numerator = ((((((((0.0352624965998911 * x) + 0.700383064443688) * x) + 6.37396220353165) * x) + 33.912866078383) * x
                + 112.079291497871) * x + 221.213596169931) * x + 220.206867912376;
            var denominator = ((((((((((0.0883883476483184 * x) + 1.75566716318264) * x) + 16.064177579207) * x) + 86.7807322029461) * x
                + 296.564248779674) * x + 637.333633378831) * x) + 793.826512519948) * x + 440.413735824752;
            return exponential * numerator / denominator;
        }

        var fraction = x + (1 / (x + (2 / (x + (3 / (x + (4 / (x + 0.65))))))));
        return exponential / fraction / SqrtTwoPi;
    }

    // Acklam's rational approximation of the normal quantile (relative error 1.15e-9).
    private static double AcklamQuantile(double p)
    {
        const double low = 0.02425;
        if (p < low) return Tail(Math.Sqrt(-2 * Math.Log(p)));
        if (p > 1 - low) return -Tail(Math.Sqrt(-2 * Math.Log(1 - p)));
        var q = p - 0.5;
        var r = q * q;
        return (((((((((((-39.69683028665376 * r) + 220.9460984245205) * r) - 275.9285104469687) * r) + 138.3577518672690) * r) - 30.66479806614716) * r) + 2.506628277459239) * q)
            / (((((((((-54.47609879822406 * r) + 161.5858368580409) * r) - 155.6989798598866) * r) + 66.80131188771972) * r) - 13.28068155288572) * r + 1);
    }

    private static double Tail(double q) =>
        ((((((((((-0.007784894002430293 * q) - 0.3223964580411365) * q) - 2.400758277161838) * q) - 2.549732539343734) * q) + 4.374664141464968) * q) + 2.938163982698783)
        / ((((((((0.007784695709041462 * q) + 0.3224671290700398) * q) + 2.445134137142996) * q) + 3.754408661907416) * q) + 1);
}
