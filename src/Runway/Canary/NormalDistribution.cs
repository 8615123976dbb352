namespace Runway.Canary;

/// <summary>The standard normal distribution, computed without a statistics library.</summary>
public static class NormalDistribution
{
    /// <summary>P(Z ≤ z) for a standard normal Z.</summary>
    public static double Cdf(double z) => double.IsNaN(z) ? double.NaN : 0.5 * (1 + Erf(z / Math.Sqrt(2)));

    /// <summary>P(Z ≥ z): the one-sided p value of an upper-tail test.</summary>
    public static double UpperTail(double z) => 1 - Cdf(z);

    /// <summary>
    /// The error function by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), plenty for p values
    /// compared with an alpha of a few percent.
    /// </summary>
    public static double Erf(double x)
    {
        const double a1 = 0.254829592, a2 = -0.284496736, a3 = 1.421413741, a4 = -1.453152027, a5 = 1.061405429, p = 0.3275911;
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (p * x));
        var polynomial = ((((((((a5 * t) + a4) * t) + a3) * t) + a2) * t) + a1) * t;
        return sign * (1 - (polynomial * Math.Exp(-x * x)));
    }
}
