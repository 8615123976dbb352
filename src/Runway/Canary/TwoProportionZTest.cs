namespace Runway.Canary;

/// <summary>The outcome of a one-sided two-proportion z-test.</summary>
/// <param name="Z">The z statistic; positive when the second proportion is the larger.</param>
/// <param name="PValue">P(Z ≥ z) under the hypothesis that both proportions are equal.</param>
public sealed record ZTestResult(double Z, double PValue);

/// <summary>
/// Two-proportion z-test with a pooled standard error, one-sided: is the second group's proportion (the canary's
/// error rate) greater than the first's (the baseline's)?
/// </summary>
public static class TwoProportionZTest
{
    /// <summary>Tests whether <paramref name="successes2"/>/<paramref name="trials2"/> exceeds <paramref name="successes1"/>/<paramref name="trials1"/>.</summary>
    public static ZTestResult Greater(double successes1, double trials1, double successes2, double trials2)
    {
        if (trials1 <= 0 || trials2 <= 0)
        {
            return new ZTestResult(0, 1);
        }

        var pooled = (successes1 + successes2) / (trials1 + trials2);
        var standardError = Math.Sqrt(pooled * (1 - pooled) * ((1 / trials1) + (1 / trials2)));
        if (standardError == 0)
        {
            // Both groups all errors or all successes: no evidence of a difference.
            return new ZTestResult(0, 1);
        }

        var z = ((successes2 / trials2) - (successes1 / trials1)) / standardError;
        return new ZTestResult(z, NormalDistribution.UpperTail(z));
    }
}
