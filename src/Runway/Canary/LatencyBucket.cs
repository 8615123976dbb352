namespace Runway.Canary;

/// <summary>One cumulative histogram bucket: how many observations were at most <paramref name="UpperBound"/> seconds.</summary>
/// <param name="UpperBound">The bucket's <c>le</c> bound in seconds; <see cref="double.PositiveInfinity"/> for the last.</param>
/// <param name="CumulativeCount">Observations at or below the bound (Prometheus buckets are cumulative).</param>
public sealed record LatencyBucket(double UpperBound, double CumulativeCount);
