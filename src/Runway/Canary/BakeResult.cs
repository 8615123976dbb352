using System.Text.Json.Nodes;

namespace Runway.Canary;

/// <summary>How a bake ended: its verdict, the last analysis behind it, every look, and whether it stopped early.</summary>
/// <param name="Analysis">The last analysis; its verdict is the bake's verdict.</param>
/// <param name="Elapsed">How long the bake ran.</param>
/// <param name="Intervals">How many looks were taken (measurement errors included).</param>
/// <param name="StoppedEarly">True when the bake ended before its duration (a failure, or measurement errors).</param>
public sealed record BakeResult(CanaryAnalysisResult Analysis, TimeSpan Elapsed, int Intervals, bool StoppedEarly)
{
    /// <summary>The method the looks were judged by, said in the evidence.</summary>
    public const string Method =
        "group-sequential one-sided boundaries from the Hwang-Shih-DeCani alpha-spending function, alpha spent by information fraction (elapsed intervals / planned looks; a skipped look spends at the next), so stopping early or skipping looks keeps each metric's false-positive rate at alpha";

    /// <summary>The bake's verdict.</summary>
    public CanaryVerdict Verdict => Analysis.Verdict;

    /// <summary>Every look, in order.</summary>
    public IReadOnlyList<BakeLook> Looks { get; init; } = [];

    /// <summary>How many looks the bake planned.</summary>
    public int PlannedLooks { get; init; }

    /// <summary>Restarts seen per baseline instance.</summary>
    public IReadOnlyDictionary<string, int> BaselineRestarts { get; init; } = new Dictionary<string, int>();

    /// <summary>Restarts seen per canary instance.</summary>
    public IReadOnlyDictionary<string, int> CanaryRestarts { get; init; } = new Dictionary<string, int>();

    /// <summary>The analysis evidence plus the bake's duration, method, looks, restarts and measurement errors.</summary>
    public JsonObject ToEvidence()
    {
        var evidence = Analysis.ToEvidence();
        evidence["bakeSeconds"] = Math.Round(Elapsed.TotalSeconds, 1);
        evidence["intervals"] = Intervals;
        evidence["stoppedEarly"] = StoppedEarly;
        evidence["sequential"] = new JsonObject { ["method"] = Method, ["plannedLooks"] = PlannedLooks };
        evidence["measurementErrors"] = Looks.Count(look => look.MeasurementError is not null);
        evidence["restarts"] = new JsonObject { ["baseline"] = Restarts(BaselineRestarts), ["canary"] = Restarts(CanaryRestarts) };
        evidence["looks"] = new JsonArray(Looks.Select(look => (JsonNode)look.ToEvidence()).ToArray());
        return evidence;
    }

    private static JsonObject Restarts(IReadOnlyDictionary<string, int> restarts)
    {
        var json = new JsonObject();
        foreach (var (instance, count) in restarts) json[instance.Length == 0 ? "pool" : instance] = count;
        return json;
    }
}
