using Runway.Ledger;

namespace Runway.Checklists;

/// <summary>
/// Turns a person's sign-off or waiver into a <see cref="ChecklistMark"/> for the ledger, after checking the
/// item exists, a name is given, and a waiver says why. Automated items can be waived but not signed off:
/// their mark must carry the evidence of the check that proves them.
/// </summary>
public sealed class ChecklistSignOff(Checklist checklist, TimeProvider time)
{
    /// <summary>The mark to store, or <see cref="SignOffRejectedException"/> naming what is wrong.</summary>
    public ChecklistMark Create(SignOffRequest request)
    {
        var item = checklist.Find(request.ItemId) ?? throw UnknownItem(request.ItemId);
        var by = request.By.Trim();
        if (by.Length == 0)
            throw new SignOffRejectedException($"Sign-off of '{item.Id}' needs a name: add --by <your name>.");
        if (request.Waive) return Mark(request, item, ChecklistMarkKind.Waived, by, WaiverReason(request, item));
        if (item.IsAutomated)
            throw new SignOffRejectedException(
                $"'{item.Id}' is proven by the automated check '{item.CheckId}' in phase {item.Phase}; a hand sign-off would carry no evidence. " +
                $"Run ./build.sh {item.Phase} to prove it, or waive it: {SignOffCommands.Waive(item.Id, by)}");
        return Mark(request, item, ChecklistMarkKind.SignedOff, by, string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim());
    }

    private static string WaiverReason(SignOffRequest request, ChecklistItem item) =>
        string.IsNullOrWhiteSpace(request.Reason)
            ? throw new SignOffRejectedException($"Waiving '{item.Id}' needs a reason: add --reason \"<why it does not apply>\".")
            : request.Reason.Trim();

    private ChecklistMark Mark(SignOffRequest request, ChecklistItem item, ChecklistMarkKind kind, string by, string? note) =>
        new(request.Environment, request.Release, request.DeploymentId, item.Id, kind, by, time.GetUtcNow(), note, null);

    private SignOffRejectedException UnknownItem(string id)
    {
        var nearest = NearestIds.Find(id, checklist.Items.Select(i => i.Id), 3);
        var hint = nearest.Count == 0 ? "" : $" Did you mean {string.Join(", ", nearest)}?";
        return new SignOffRejectedException($"No checklist item '{id}' in {checklist.Source}.{hint} `./build.sh Checklist` lists every id.");
    }
}
