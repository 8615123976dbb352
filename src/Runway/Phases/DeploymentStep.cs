using System.Text.Json.Nodes;

namespace Runway.Phases;

/// <summary>What a finished step proved: its evidence, and the checklist checks it satisfies.</summary>
public sealed record StepOutcome(JsonObject Evidence, IReadOnlyList<string> Proves)
{
    /// <summary>An outcome with <paramref name="evidence"/> that proves <paramref name="checks"/>.</summary>
    public static StepOutcome Of(JsonObject evidence, params string[] checks) => new(evidence, checks);
}

/// <summary>
/// One step of a phase: a name the ledger records it under (so a rerun skips it once done) and the work.
/// </summary>
public sealed record DeploymentStep(string Name, Func<CancellationToken, Task<StepOutcome>> RunAsync);
