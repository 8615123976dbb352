using System.Text.Json.Nodes;

namespace Runway.Canary;

/// <summary>One look of a bake: when, what was counted, and what it decided; or the measurement error that skipped it.</summary>
/// <param name="Number">The look's number, from 1.</param>
/// <param name="Elapsed">Time since the bake started.</param>
/// <param name="InformationFraction">The share of the planned bake this look stands for (elapsed intervals ÷ planned looks).</param>
/// <param name="Analysis">The analysis of the counts since the start; null when the metrics could not be read.</param>
/// <param name="MeasurementError">Why the metrics could not be read (naming the instance); null when they were.</param>
public sealed record BakeLook(int Number, TimeSpan Elapsed, double InformationFraction, CanaryAnalysisResult? Analysis, string? MeasurementError)
{
    /// <summary>The look as JSON: its counts, rates, quantiles, z, boundary and decision.</summary>
    public JsonObject ToEvidence()
    {
        var look = new JsonObject
        {
            ["look"] = Number,
            ["seconds"] = Math.Round(Elapsed.TotalSeconds, 1),
            ["informationFraction"] = Math.Round(InformationFraction, 4),
        };
        if (MeasurementError is not null)
        {
            look["decision"] = "MeasurementError";
            look["measurementError"] = MeasurementError;
            return look;
        }

        var analysis = Analysis!.ToEvidence();
        look["decision"] = Analysis.Verdict.ToString();
        foreach (var key in new[] { "baseline", "canary", "boundary", "errorRate", "latency" })
            look[key] = analysis[key]?.DeepClone();
        return look;
    }
}
