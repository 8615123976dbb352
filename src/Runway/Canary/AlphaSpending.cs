namespace Runway.Canary;

/// <summary>
/// The Hwang–Shih–DeCani α-spending function: how much of a metric's false-positive budget α may have been spent by
/// information fraction t, α(t) = α(1 − e^(−γt)) / (1 − e^(−γ)). A negative γ spends little early (γ = −4 resembles
/// O'Brien–Fleming: a canary is hard to fail on its first few requests, easy once the data is in).
/// </summary>
/// <param name="Alpha">The whole one-sided budget, spent by t = 1.</param>
/// <param name="Gamma">The shape; 0 spends evenly, negative spends late.</param>
public sealed record AlphaSpending(double Alpha, double Gamma)
{
    /// <summary>The cumulative α spent by information fraction <paramref name="fraction"/> (clamped to [0, 1]).</summary>
    public double Spent(double fraction)
    {
        var t = Math.Clamp(fraction, 0, 1);
        return Math.Abs(Gamma) < 1e-12
            ? Alpha * t
            : Alpha * (1 - Math.Exp(-Gamma * t)) / (1 - Math.Exp(-Gamma));
    }
}
