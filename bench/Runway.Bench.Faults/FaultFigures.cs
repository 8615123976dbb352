using Runway.Bench.Rollout;

namespace Runway.Bench.Faults;

/// <summary>SIGTERM mid-bake: seconds from the signal to the router's table, to every answer, and to the run's exit.</summary>
internal sealed record SigtermFigures(double? RouterSeconds, double? AnswersSeconds, double ExitSeconds, int ExitCode, string? LedgerState, LoadWindow Load);

/// <summary>SIGKILL mid-bake with a lease: the lease, and seconds from the kill to the router's return to the stable release.</summary>
internal sealed record SigkillFigures(double LeaseSeconds, double? RouterSeconds, double? AnswersSeconds, LoadWindow Load);

/// <summary>20 Deploys at once: how many were refused and how long each refusal took.</summary>
internal sealed record ConcurrentFigures(int Runs, int Refused, IReadOnlyList<double> RefusalSeconds, long LockEvents, long RefusedRunsThatWrote);

/// <summary>A PostgreSQL restart mid-bake: when the first run stopped, when the second took over, and any overlap.</summary>
internal sealed record RestartFigures(double? FirstStoppedSeconds, double? SecondTookSeconds, double? OverlapSeconds, bool FirstRolledBack, int FirstExitCode, int SecondExitCode);

/// <summary>Everything one run measured, and what went wrong on the way.</summary>
internal sealed class FaultFigures
{
    public SigtermFigures? Sigterm { get; set; }
    public SigkillFigures? Sigkill { get; set; }
    public ConcurrentFigures? Concurrent { get; set; }
    public RestartFigures? Restart { get; set; }
    public List<string> Problems { get; } = [];
    public bool StoppedEarly { get; set; }
}
