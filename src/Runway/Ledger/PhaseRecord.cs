using System.Text.Json.Nodes;

namespace Runway.Ledger;

/// <summary>One phase of a deployment (<c>Preparation</c>, <c>Canary</c>, …).</summary>
/// <param name="DeploymentId">The deployment it belongs to.</param>
/// <param name="Name">The phase name.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="StartedAt">When it (last) started.</param>
/// <param name="EndedAt">When it finished, if it has.</param>
/// <param name="Error">The failure message, or the reason it was skipped.</param>
public sealed record PhaseRecord(long DeploymentId, string Name, WorkStatus Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Error);

/// <summary>One step within a phase (a backup, a traffic shift, a probe).</summary>
/// <param name="DeploymentId">The deployment it belongs to.</param>
/// <param name="Phase">The phase it belongs to.</param>
/// <param name="Name">The step name.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="StartedAt">When it (last) started.</param>
/// <param name="EndedAt">When it finished, if it has.</param>
/// <param name="Error">The failure message, or the reason it was skipped.</param>
/// <param name="Evidence">What it proved, as recorded when it finished.</param>
public sealed record StepRecord(
    long DeploymentId,
    string Phase,
    string Name,
    WorkStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Error,
    JsonObject? Evidence);
