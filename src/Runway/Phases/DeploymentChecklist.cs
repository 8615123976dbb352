using System.Text.Json.Nodes;
using Runway.Checklists;
using Runway.Ledger;
using Serilog;

namespace Runway.Phases;

/// <summary>
/// The team's checklist for one environment, joined with its marks in the ledger: the gates a phase must pass,
/// the proofs phases record, and the sign-offs people give.
/// </summary>
public sealed class DeploymentChecklist(Checklist checklist, ChecklistMarks marks, string environment, TimeProvider time, ILogger logger)
{
    /// <summary>The parsed checklist.</summary>
    public Checklist Checklist => checklist;

    /// <summary>The checklist with the latest mark of each item for <paramref name="release"/>.</summary>
    public async Task<ChecklistState> StateAsync(string release, CancellationToken cancellationToken) =>
        new(checklist, await marks.GetLatestPerItemAsync(environment, release, cancellationToken).ConfigureAwait(false));

    /// <summary>Throws <see cref="ChecklistGateException"/> listing the open items that gate <paramref name="phase"/>.</summary>
    public async Task EnsureGateOpenAsync(string release, ChecklistPhase phase, CancellationToken cancellationToken)
    {
        var state = await StateAsync(release, cancellationToken).ConfigureAwait(false);
        state.EnsureCanStart(phase);
    }

    /// <summary>Marks every item bound to <paramref name="checkId"/> as done by <paramref name="phase"/>, with the evidence.</summary>
    public async Task RecordProofAsync(Deployment deployment, string checkId, string phase, JsonObject evidence, CancellationToken cancellationToken)
    {
        foreach (var mark in ProofMarks(deployment, phase, new Dictionary<string, JsonObject> { [checkId] = evidence }))
        {
            await marks.RecordAsync(mark, cancellationToken).ConfigureAwait(false);
            Proved(mark);
        }
    }

    /// <summary>The marks that <paramref name="proofs"/> (check → evidence) give: every item bound to each check, done by <paramref name="phase"/>.</summary>
    public IReadOnlyList<ChecklistMark> ProofMarks(Deployment deployment, string phase, IReadOnlyDictionary<string, JsonObject> proofs) =>
        [.. proofs.SelectMany(proof => checklist.Items.Where(i => i.CheckId == proof.Key).Select(item =>
            new ChecklistMark(environment, deployment.Release, deployment.Id, item.Id, ChecklistMarkKind.Done, phase, time.GetUtcNow(), null,
                (JsonObject)proof.Value.DeepClone())))];

    /// <summary>Says that <paramref name="mark"/> was recorded.</summary>
    public void Proved(ChecklistMark mark) => logger.Information("Checklist item {Item} done by {Phase}", mark.ItemId, mark.By);

    /// <summary>
    /// Closes every item bound to <paramref name="checkId"/> as waived by <paramref name="phase"/>, when that check could
    /// not run and another one did in its place: the note says which, and the evidence is the substitute's. Never "done".
    /// </summary>
    public async Task RecordSubstituteAsync(Deployment deployment, string checkId, string phase, string note, JsonObject evidence, CancellationToken cancellationToken)
    {
        foreach (var item in checklist.Items.Where(i => i.CheckId == checkId))
        {
            var mark = new ChecklistMark(environment, deployment.Release, deployment.Id, item.Id, ChecklistMarkKind.Waived, phase, time.GetUtcNow(), note,
                (JsonObject)evidence.DeepClone());
            await marks.RecordAsync(mark, cancellationToken).ConfigureAwait(false);
            logger.Information("Checklist item {Item} waived by {Phase}: {Note}", item.Id, phase, note);
        }
    }

    /// <summary>Records a person's sign-off or waiver after validating it against the checklist.</summary>
    public async Task<ChecklistMark> SignOffAsync(string release, long? deploymentId, SignOffRequest request, CancellationToken cancellationToken)
    {
        var mark = new ChecklistSignOff(checklist, time).Create(request with { Environment = environment, Release = release, DeploymentId = deploymentId });
        await marks.RecordAsync(mark, cancellationToken).ConfigureAwait(false);
        logger.Information("Checklist item {Item} {Kind} by {By}", mark.ItemId, mark.Kind, mark.By);
        return mark;
    }
}
