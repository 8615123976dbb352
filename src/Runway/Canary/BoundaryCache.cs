using System.Collections.Concurrent;

namespace Runway.Canary;

/// <summary>
/// Boundaries already computed, shared by bakes of the same plan (a simulation runs thousands): the boundary of a look
/// depends only on α, γ and the information fractions of the looks tested so far, so one computation serves them all.
/// </summary>
public sealed class BoundaryCache
{
    private readonly ConcurrentDictionary<string, BoundaryStep> _steps = new(StringComparer.Ordinal);

    internal BoundaryStep GetOrAdd(string key, Func<BoundaryStep> compute) => _steps.GetOrAdd(key, _ => compute());
}

/// <summary>A look's boundary and the grid of the paths still running after it.</summary>
internal sealed record BoundaryStep(double Boundary, double[] Points, double[] Weights);
