namespace Runway.Canary;

/// <summary>Where a bake stands after one look.</summary>
/// <param name="Elapsed">Time since the bake started.</param>
/// <param name="Remaining">Time left until the bake may pass.</param>
/// <param name="BaselineRequests">Baseline requests since the bake started.</param>
/// <param name="CanaryRequests">Canary requests since the bake started.</param>
/// <param name="BaselineErrorRate">Baseline error rate since the bake started.</param>
/// <param name="CanaryErrorRate">Canary error rate since the bake started.</param>
/// <param name="Verdict">The verdict the data so far supports.</param>
public sealed record BakeProgress(
    TimeSpan Elapsed,
    TimeSpan Remaining,
    double BaselineRequests,
    double CanaryRequests,
    double BaselineErrorRate,
    double CanaryErrorRate,
    CanaryVerdict Verdict)
{
    /// <summary>The look behind this progress: its quantiles, z and boundary, or its measurement error.</summary>
    public BakeLook? Look { get; init; }

    /// <summary>How many looks the bake plans.</summary>
    public int PlannedLooks { get; init; }
}
