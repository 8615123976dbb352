using System.Text.Json.Nodes;

namespace Runway.Phases;

/// <summary>What a finished step proved: its evidence, and the checklist checks it satisfies with the evidence for each.</summary>
public sealed record StepOutcome(JsonObject Evidence, IReadOnlyDictionary<string, JsonObject> Proofs)
{
    /// <summary>An outcome with <paramref name="evidence"/> that proves each of <paramref name="checks"/> by it.</summary>
    public static StepOutcome Of(JsonObject evidence, params string[] checks) =>
        new(evidence, checks.ToDictionary(c => c, _ => evidence));
}

/// <summary>
/// One step of a phase: a name the ledger records it under (so a rerun skips it once done) and the work.
/// </summary>
public sealed record DeploymentStep(string Name, Func<CancellationToken, Task<StepOutcome>> RunAsync);

/// <summary>A step failed with figures worth keeping: the ledger records them with the failure.</summary>
public class StepFailedException(string message, JsonObject evidence) : Exception(message)
{
    /// <summary>What the step measured before it failed.</summary>
    public JsonObject Evidence { get; } = evidence;
}
