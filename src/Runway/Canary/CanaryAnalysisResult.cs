using System.Text.Json.Nodes;

namespace Runway.Canary;

/// <summary>A verdict with the figures behind it, ready to be recorded as checklist evidence.</summary>
/// <param name="Verdict">Pass, fail or inconclusive.</param>
/// <param name="Reason">One sentence a person reads: why this verdict.</param>
/// <param name="Baseline">The baseline pool's figures.</param>
/// <param name="Canary">The canary pool's figures.</param>
/// <param name="ErrorTest">The exact conditional test of the canary's share of errors (mid-p and its z).</param>
/// <param name="LatencyTest">The Mann-Whitney U test of latencies (canary slower).</param>
/// <param name="MedianLatencyRatio">Canary median over baseline median; null when either is unknown.</param>
/// <param name="Thresholds">The options the verdict was reached with.</param>
public sealed record CanaryAnalysisResult(
    CanaryVerdict Verdict,
    string Reason,
    PoolFigures Baseline,
    PoolFigures Canary,
    ZTestResult ErrorTest,
    MannWhitneyResult LatencyTest,
    double? MedianLatencyRatio,
    CanaryOptions Thresholds)
{
    /// <summary>The z boundary this look was held against; +∞ when it could not fail.</summary>
    public double Boundary { get; init; } = double.PositiveInfinity;

    /// <summary>The result as JSON evidence for the ledger.</summary>
    public JsonObject ToEvidence() => new()
    {
        ["verdict"] = Verdict.ToString(),
        ["reason"] = Reason,
        ["baseline"] = Figures(Baseline),
        ["canary"] = Figures(Canary),
        ["boundary"] = Finite(Boundary),
        ["errorRate"] = new JsonObject { ["test"] = "exact conditional binomial, mid-p", ["z"] = Finite(ErrorTest.Z), ["p"] = Finite(ErrorTest.PValue) },
        ["latency"] = new JsonObject
        {
            ["u"] = Finite(LatencyTest.U),
            ["z"] = Finite(LatencyTest.Z),
            ["p"] = Finite(LatencyTest.PValue),
            ["medianRatio"] = MedianLatencyRatio is { } ratio ? Finite(ratio) : null,
        },
        ["thresholds"] = new JsonObject
        {
            ["alpha"] = Thresholds.Alpha,
            ["spendingGamma"] = Thresholds.SpendingGamma,
            ["maxErrorRateIncrease"] = Thresholds.MaxErrorRateIncrease,
            ["maxLatencyIncreaseRatio"] = Thresholds.MaxLatencyIncreaseRatio,
            ["minRequestsPerPool"] = Thresholds.MinRequestsPerPool,
        },
    };

    private static JsonObject Figures(PoolFigures pool) => new()
    {
        ["release"] = pool.Release,
        ["requests"] = pool.Requests,
        ["errors"] = pool.Errors,
        ["errorRate"] = Math.Round(pool.ErrorRate, 6),
        ["medianLatencySeconds"] = Rounded(pool.MedianLatencySeconds),
        ["p95LatencySeconds"] = Rounded(pool.P95LatencySeconds),
        ["p99LatencySeconds"] = Rounded(pool.P99LatencySeconds),
    };

    private static JsonNode? Rounded(double? seconds) => seconds is { } value ? Finite(value) : null;

    // JSON has no NaN or infinity; System.Text.Json would throw on them.
    private static JsonNode? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 6) : null;
}
