using System.Text.Json.Nodes;

namespace Runway.Bench.Rollout;

/// <summary>A rollback as seen from inside (the ledger) and from outside (requests through the router).</summary>
internal sealed record RollbackFigures(string Label, double WallSeconds, double? LedgerSeconds, bool? PoolRestarted, double? ExternalSeconds, LoadWindow Load)
{
    /// <summary>From the rollback's traffic step starting (its log line) to every request answering the previous release (outside).</summary>
    public double? DecisionSeconds { get; init; }
}

/// <summary>The plain-tool baseline: one PUT /routes to the router's admin API.</summary>
internal sealed record PlainFlipFigures(double PutSeconds, double? ExternalSeconds);

/// <summary>One analysis interval of a bake, read from its progress line.</summary>
internal sealed record BakeInterval(double AtSeconds, long BaselineRequests, long CanaryRequests, string Verdict);

/// <summary>The bad canary: when it got traffic, when it failed, when traffic was back.</summary>
internal sealed record CanaryFigures(
    double? FailSeconds, double? BackSeconds, double? FirstCanaryAnswerSeconds, JsonNode? Analysis, RollbackFigures Rollback, List<BakeInterval> Intervals);

/// <summary>A whole deployment's time, split into the bake and the rest.</summary>
internal sealed record DeployFigures(double WallSeconds, double BakeSeconds, IReadOnlyList<PhaseTiming> Phases, IReadOnlyList<PhaseTiming> SlowSteps, double GatesSeconds, LoadWindow Load)
{
    public double OverheadSeconds => WallSeconds - BakeSeconds;
}

/// <summary>Everything the scenario measured; filled in as it goes, so a failed run still reports what it got.</summary>
internal sealed class Figures
{
    public double? ColdDeploySeconds { get; set; }

    public DeployFigures? WarmDeploy { get; set; }

    public RollbackFigures? RollbackAfterDeploy { get; set; }

    public PlainFlipFigures? PlainFlip { get; set; }

    public RollbackFigures? RollbackOfCanary { get; set; }

    public CanaryFigures? BadCanary { get; set; }

    public bool StoppedEarly { get; set; }

    public List<string> Problems { get; } = [];
}
