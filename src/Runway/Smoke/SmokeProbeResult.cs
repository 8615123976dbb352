using System.Text.Json.Nodes;

namespace Runway.Smoke;

/// <summary>What one probe found. Never holds the token: texts from the service are masked.</summary>
/// <param name="Name">The probe's name.</param>
/// <param name="Proves">The checklist check id the probe proves, if any.</param>
/// <param name="Passed">Whether every expectation held.</param>
/// <param name="Status">The status received (for a burst: the expected one if seen, else the most frequent); null without an answer.</param>
/// <param name="LatencyMs">Latency of the last attempt (for a burst: the whole burst) in milliseconds.</param>
/// <param name="Attempts">Requests sent (attempts, or the burst size).</param>
/// <param name="Reason">Why it failed, or null when it passed.</param>
/// <param name="StatusCounts">For a burst: how many answers had each status.</param>
public sealed record SmokeProbeResult(
    string Name,
    string? Proves,
    bool Passed,
    int? Status,
    double LatencyMs,
    int Attempts,
    string? Reason,
    IReadOnlyDictionary<int, int>? StatusCounts = null)
{
    /// <summary>The result as JSON evidence.</summary>
    public JsonObject ToEvidence()
    {
        var evidence = new JsonObject
        {
            ["name"] = Name,
            ["passed"] = Passed,
            ["status"] = Status,
            ["latencyMs"] = Math.Round(LatencyMs, 1),
            ["attempts"] = Attempts,
        };
        if (Proves is not null)
        {
            evidence["proves"] = Proves;
        }

        if (Reason is not null)
        {
            evidence["reason"] = Reason;
        }

        if (StatusCounts is not null)
        {
            evidence["statusCounts"] = new JsonObject(StatusCounts.Select(pair => KeyValuePair.Create(pair.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), (JsonNode?)pair.Value)));
        }

        return evidence;
    }
}
