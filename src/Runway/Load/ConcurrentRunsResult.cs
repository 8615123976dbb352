using System.Globalization;
using System.Text.Json.Nodes;

namespace Runway.Load;

/// <summary>The outcome of starting orchestrations concurrently.</summary>
/// <param name="Runs">Creations started at once.</param>
/// <param name="Succeeded">Creations answered with a 2xx status.</param>
/// <param name="MaxInFlight">Most requests outstanding at the same moment (proves they overlapped).</param>
/// <param name="ByStatus">Answers per status; 0 counts requests that got no answer.</param>
/// <param name="ElapsedMs">Time from the first start to the last answer.</param>
/// <param name="SlowestMs">Latency of the slowest creation.</param>
public sealed record ConcurrentRunsResult(int Runs, int Succeeded, int MaxInFlight, IReadOnlyDictionary<int, int> ByStatus, double ElapsedMs, double SlowestMs)
{
    /// <summary>True when every creation succeeded.</summary>
    public bool Passed => Succeeded == Runs;

    /// <summary>The figures as JSON evidence for check <see cref="ConcurrentRunsCheck.CheckId"/>.</summary>
    public JsonObject ToEvidence() => new()
    {
        ["runs"] = Runs,
        ["succeeded"] = Succeeded,
        ["maxInFlight"] = MaxInFlight,
        ["byStatus"] = new JsonObject(ByStatus.OrderBy(s => s.Key).Select(s => KeyValuePair.Create(s.Key.ToString(CultureInfo.InvariantCulture), (JsonNode?)s.Value))),
        ["elapsedMs"] = Math.Round(ElapsedMs, 1),
        ["slowestMs"] = Math.Round(SlowestMs, 1),
    };
}
