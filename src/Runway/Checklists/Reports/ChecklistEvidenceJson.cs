using System.Text.Json.Nodes;
using Runway.Ledger;

namespace Runway.Checklists.Reports;

/// <summary>The machine-readable side of the report: every item with its binding, status and full evidence.</summary>
public static class ChecklistEvidenceJson
{
    /// <summary>One object per item in document order, plus marks whose item no longer exists.</summary>
    public static JsonObject Render(ChecklistState state) => new()
    {
        ["checklist"] = state.Checklist.Source,
        ["items"] = new JsonArray([.. state.Checklist.Items.Select(i => (JsonNode)Item(i, state.MarkOf(i.Id)))]),
        ["unknownMarks"] = new JsonArray([.. state.UnknownMarks.Select(m => (JsonNode)Mark(m))]),
    };

    private static JsonObject Item(ChecklistItem item, ChecklistMark? mark) => new()
    {
        ["id"] = item.Id,
        ["section"] = item.Section,
        ["text"] = item.Text,
        ["owner"] = item.Owner?.ToString(),
        ["phase"] = item.Phase?.ToString(),
        ["check"] = item.CheckId,
        ["status"] = mark?.Kind.ToString() ?? "Open",
        ["mark"] = mark is null ? null : Mark(mark),
    };

    private static JsonObject Mark(ChecklistMark mark) => new()
    {
        ["itemId"] = mark.ItemId,
        ["kind"] = mark.Kind.ToString(),
        ["by"] = mark.By,
        ["at"] = mark.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["environment"] = mark.Environment,
        ["release"] = mark.Release,
        ["deploymentId"] = mark.DeploymentId,
        ["note"] = mark.Note,
        ["evidence"] = mark.Evidence?.DeepClone(),
    };
}
