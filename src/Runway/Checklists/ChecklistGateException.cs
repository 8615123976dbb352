using System.Text;

namespace Runway.Checklists;

/// <summary>
/// A phase (or a whole deployment) is refused because checklist items are open. The message lists each item
/// with its owner and the command that closes it, or the phase that proves it.
/// </summary>
public sealed class ChecklistGateException(string gate, IReadOnlyList<ChecklistItem> openItems)
    : Exception(Describe(gate, openItems))
{
    /// <summary>What was refused, e.g. "Canary" or "Deploy".</summary>
    public string Gate { get; } = gate;

    /// <summary>The items still open.</summary>
    public IReadOnlyList<ChecklistItem> OpenItems { get; } = openItems;

    /// <summary>The refusal text: one block per open item with what closes it.</summary>
    public static string Describe(string gate, IReadOnlyList<ChecklistItem> openItems) =>
        List($"{gate} refused: {openItems.Count} checklist item{(openItems.Count == 1 ? " is" : "s are")} open.", openItems);

    /// <summary>
    /// What a run will meet on its way, said before anything changes: it goes as far as the first gate these
    /// items hold closed, and stops there until they are signed off or waived.
    /// </summary>
    public static string Forecast(string run, IReadOnlyList<ChecklistItem> openItems) =>
        List($"{run} will stop at the first gate these {openItems.Count} open checklist item{(openItems.Count == 1 ? "" : "s")} hold closed, until they are signed off or waived:", openItems);

    private static string List(string headline, IReadOnlyList<ChecklistItem> openItems)
    {
        var text = new StringBuilder(headline);
        foreach (var item in openItems)
            AppendItem(text, item);
        return text.ToString();
    }

    private static void AppendItem(StringBuilder text, ChecklistItem item)
    {
        var owner = item.Owner?.ToString() ?? "unassigned";
        text.Append($"\n  ☐ {item.Id} [{owner}] {item.Text}  ({item.Section})");
        if (item.IsAutomated)
            text.Append($"\n      proven by phase {item.Phase} (check {item.CheckId}): run ./build.sh {item.Phase}, or waive it:")
                .Append($"\n      {SignOffCommands.Waive(item.Id)}");
        else
            text.Append($"\n      sign off: {SignOffCommands.SignOff(item.Id)}")
                .Append($"\n      waive:    {SignOffCommands.Waive(item.Id)}");
    }
}
