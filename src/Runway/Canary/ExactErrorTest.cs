namespace Runway.Canary;

/// <summary>
/// The exact conditional test of error rates: given the errors both pools made together, is the canary's share of them
/// larger than its share of the requests? Under no difference the canary's errors are Binomial(errors, n_c/(n_c + n_b)).
/// The one-sided mid-p value (P(X &gt; x) + ½P(X = x)) is turned into a z, so that it can be held against a
/// sequential boundary; unlike the normal approximation it stays valid with a handful of errors.
/// </summary>
public static class ExactErrorTest
{
    /// <summary>Tests whether the canary's error rate exceeds the baseline's.</summary>
    public static ZTestResult Greater(double baselineErrors, double baselineRequests, double canaryErrors, double canaryRequests)
    {
        if (baselineRequests <= 0 || canaryRequests <= 0) return new ZTestResult(0, 0.5);
        var errors = (int)Math.Round(baselineErrors + canaryErrors);
        var canary = (int)Math.Round(canaryErrors);
        var share = canaryRequests / (canaryRequests + baselineRequests);
        var midP = BinomialDistribution.UpperTail(canary, errors, share) - (0.5 * BinomialDistribution.Probability(canary, errors, share));
        midP = Math.Clamp(midP, double.Epsilon, 1);
        return new ZTestResult(NormalDistribution.UpperQuantile(midP), midP);
    }
}
