using System.Text.Json.Nodes;

namespace Runway.Canary;

/// <summary>How a bake ended: its verdict, the last analysis behind it, and whether it stopped early.</summary>
/// <param name="Analysis">The last analysis; its verdict is the bake's verdict.</param>
/// <param name="Elapsed">How long the bake ran.</param>
/// <param name="Intervals">How many intervals were analysed.</param>
/// <param name="StoppedEarly">True when a failure ended the bake before its duration.</param>
public sealed record BakeResult(CanaryAnalysisResult Analysis, TimeSpan Elapsed, int Intervals, bool StoppedEarly)
{
    /// <summary>The bake's verdict.</summary>
    public CanaryVerdict Verdict => Analysis.Verdict;

    /// <summary>The analysis evidence plus the bake's duration and interval count.</summary>
    public JsonObject ToEvidence()
    {
        var evidence = Analysis.ToEvidence();
        evidence["bakeSeconds"] = Math.Round(Elapsed.TotalSeconds, 1);
        evidence["intervals"] = Intervals;
        evidence["stoppedEarly"] = StoppedEarly;
        return evidence;
    }
}
