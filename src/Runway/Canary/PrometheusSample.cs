namespace Runway.Canary;

/// <summary>One sample line of the Prometheus text exposition format: a series name, its labels and its value.</summary>
/// <param name="Name">The series name, e.g. <c>http_requests_total</c> or <c>http_request_duration_seconds_bucket</c>.</param>
/// <param name="Labels">The label pairs, unescaped.</param>
/// <param name="Value">The value; may be <see cref="double.PositiveInfinity"/> or <see cref="double.NaN"/>.</param>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>The value of a label, or null when the sample does not carry it.</summary>
    public string? Label(string name) => Labels.TryGetValue(name, out var value) ? value : null;
}
