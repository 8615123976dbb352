using Runway.Ledger;

namespace Runway.Checklists;

/// <summary>
/// A checklist with the latest mark of each item (marks for one environment and release, as the ledger gives them).
/// Gate rule: an item bound to a phase with no check is a sign-off that must be given before that phase starts;
/// an item bound to a check is proven by its phase while it runs. So before phase P, every item of an earlier
/// phase and every sign-off of P must be closed.
/// </summary>
public sealed class ChecklistState
{
    private readonly Dictionary<string, ChecklistMark> latest;

    /// <summary>Pairs items with marks; the latest mark (by time) per item wins, marks for unknown ids are kept apart.</summary>
    public ChecklistState(Checklist checklist, IEnumerable<ChecklistMark> marks)
    {
        Checklist = checklist;
        var all = marks.ToList();
        latest = all.Where(m => checklist.Find(m.ItemId) is not null).GroupBy(m => m.ItemId)
            .ToDictionary(g => g.Key, g => g.MaxBy(m => m.At)!, StringComparer.Ordinal);
        UnknownMarks = [.. all.Where(m => checklist.Find(m.ItemId) is null)];
    }

    /// <summary>The parsed checklist.</summary>
    public Checklist Checklist { get; }

    /// <summary>Marks whose item no longer exists in the checklist (renamed or removed), for reporting.</summary>
    public IReadOnlyList<ChecklistMark> UnknownMarks { get; }

    /// <summary>The latest mark of the item, or null while it is open.</summary>
    public ChecklistMark? MarkOf(string itemId) => latest.GetValueOrDefault(itemId);

    /// <summary>True when the item has a mark (done, signed off or waived).</summary>
    public bool IsClosed(ChecklistItem item) => latest.ContainsKey(item.Id);

    /// <summary>Items without a mark, in document order.</summary>
    public IReadOnlyList<ChecklistItem> OpenItems => [.. Checklist.Items.Where(i => !IsClosed(i))];

    /// <summary>Open items that must be closed before <paramref name="phase"/> starts.</summary>
    public IReadOnlyList<ChecklistItem> GateFor(ChecklistPhase phase) =>
        [.. OpenItems.Where(i => i.Phase < phase || (i.Phase == phase && !i.IsAutomated))];

    /// <summary>
    /// Open items that would stop a run of <paramref name="phases"/> (e.g. all of them for Deploy), checked up front:
    /// the sign-offs of every phase in the run, and everything of earlier phases that the run will not prove.
    /// </summary>
    public IReadOnlyList<ChecklistItem> OpenGatesUpTo(IEnumerable<ChecklistPhase> phases)
    {
        var run = phases.ToHashSet();
        if (run.Count == 0) return [];
        var first = run.Min();
        return [.. OpenItems.Where(i => i.Phase is { } p && (p < first || (run.Contains(p) && !i.IsAutomated)))];
    }

    /// <summary>Open automated items of <paramref name="phase"/>: what the phase still has to prove before it counts as complete.</summary>
    public IReadOnlyList<ChecklistItem> UnprovenBy(ChecklistPhase phase) =>
        [.. OpenItems.Where(i => i.Phase == phase && i.IsAutomated)];

    /// <summary>Refuses <paramref name="phase"/> with <see cref="ChecklistGateException"/> while <see cref="GateFor"/> lists open items.</summary>
    public void EnsureCanStart(ChecklistPhase phase) => EnsureClosed(GateFor(phase), phase.ToString());

    /// <summary>Refuses a run of <paramref name="phases"/> (named <paramref name="run"/>, e.g. "Deploy") up front while <see cref="OpenGatesUpTo"/> lists open items.</summary>
    public void EnsureCanRun(IEnumerable<ChecklistPhase> phases, string run) => EnsureClosed(OpenGatesUpTo(phases), run);

    /// <summary>Throws <see cref="ChecklistGateException"/> listing <paramref name="open"/> unless it is empty.</summary>
    public static void EnsureClosed(IReadOnlyList<ChecklistItem> open, string gate)
    {
        if (open.Count > 0) throw new ChecklistGateException(gate, open);
    }
}
