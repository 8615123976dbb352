namespace Runway.Canary;

/// <summary>What a counter series counts for the canary.</summary>
public enum SeriesKind
{
    /// <summary>Requests answered (every status).</summary>
    Requests,

    /// <summary>Requests answered with a server error; the same series also counts as <see cref="Requests"/>.</summary>
    Errors,

    /// <summary>A cumulative latency bucket; <see cref="CounterSeries.Bound"/> is its <c>le</c>.</summary>
    Bucket,
}

/// <summary>One counter of one instance as read at one moment; deltas are taken per series, never on sums.</summary>
/// <param name="Instance">The instance it was read from (its base URL), or empty for a pool-level total.</param>
/// <param name="Labels">The series' identity within the instance (its labels, canonically ordered).</param>
/// <param name="Kind">What it counts.</param>
/// <param name="Bound">The bucket's upper bound in seconds for <see cref="SeriesKind.Bucket"/>; 0 otherwise.</param>
/// <param name="Value">The counter's cumulative value.</param>
public sealed record CounterSeries(string Instance, string Labels, SeriesKind Kind, double Bound, double Value)
{
    /// <summary>The series' identity, without its value.</summary>
    public (string Instance, string Labels, SeriesKind Kind, double Bound) Key => (Instance, Labels, Kind, Bound);
}
