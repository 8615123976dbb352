using System.Globalization;
using System.Text.Json.Nodes;

namespace Runway.Load;

/// <summary>What a load run has seen so far (or in all, once finished).</summary>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Requests">Requests completed, answered or not.</param>
/// <param name="Failures">Requests that got no answer (exception, timeout) or a status of 500 or more.</param>
/// <param name="NoAnswer">Of the failures, requests that got no answer at all.</param>
/// <param name="ByRelease">Answers per value of the contract's release header (<c>(none)</c> when missing).</param>
/// <param name="FailuresByRelease">Failures per release (answered with 500 or more).</param>
/// <param name="ByStatus">Answers per HTTP status.</param>
/// <param name="LatencyMedianMs">Median latency of answered requests, 0 without any.</param>
/// <param name="LatencyP95Ms">95th percentile latency of answered requests.</param>
/// <param name="LatencyMaxMs">Longest latency of an answered request.</param>
public sealed record LoadSnapshot(
    TimeSpan Elapsed,
    long Requests,
    long Failures,
    long NoAnswer,
    IReadOnlyDictionary<string, long> ByRelease,
    IReadOnlyDictionary<string, long> FailuresByRelease,
    IReadOnlyDictionary<int, long> ByStatus,
    double LatencyMedianMs,
    double LatencyP95Ms,
    double LatencyMaxMs)
{
    /// <summary>Of the requests that got no answer, those that found no connection at all (refused: nothing listens at the target).</summary>
    public long NotConnected { get; init; }

    /// <summary>Requests per second achieved.</summary>
    public double RequestsPerSecond => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    /// <summary>The snapshot as JSON evidence.</summary>
    public JsonObject ToEvidence() => new()
    {
        ["elapsedSeconds"] = Math.Round(Elapsed.TotalSeconds, 1),
        ["requests"] = Requests,
        ["failures"] = Failures,
        ["noAnswer"] = NoAnswer,
        ["notConnected"] = NotConnected,
        ["requestsPerSecond"] = Math.Round(RequestsPerSecond, 1),
        ["byRelease"] = Json(ByRelease),
        ["failuresByRelease"] = Json(FailuresByRelease),
        ["byStatus"] = Json(ByStatus.ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Value)),
        ["latencyMs"] = new JsonObject { ["median"] = Math.Round(LatencyMedianMs, 1), ["p95"] = Math.Round(LatencyP95Ms, 1), ["max"] = Math.Round(LatencyMaxMs, 1) },
    };

    /// <summary>
    /// Why the load may have given a bake too little traffic: none (or only some) of its requests could connect to
    /// <paramref name="target"/>; null when every request connected.
    /// </summary>
    public string? NotConnectedCause(string target) =>
        NotConnected == 0 ? null
        : NotConnected == Requests ? $"the load reached nothing: {Requests} of {Requests} requests failed to connect to {target}"
        : $"{NotConnected} of the load's {Requests} requests failed to connect to {target}";

    private static JsonObject Json(IReadOnlyDictionary<string, long> counts) =>
        new(counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
}
