using System.Text.Json.Nodes;
using Runway.Ledger;

namespace Runway.Tests.Checklists;

/// <summary>Builds ledger marks for tests.</summary>
internal static class ChecklistMarks
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    public static ChecklistMark Done(string id, string summary, int minute = 0) =>
        new("local", "1.1.0", 7, id, ChecklistMarkKind.Done, "Preparation", Noon.AddMinutes(minute), summary, new JsonObject { ["check"] = id });

    public static ChecklistMark Signed(string id, string by = "alice", int minute = 0) =>
        new("local", "1.1.0", null, id, ChecklistMarkKind.SignedOff, by, Noon.AddMinutes(minute), null, null);

    public static ChecklistMark Waived(string id, string reason, int minute = 0) =>
        new("local", "1.1.0", null, id, ChecklistMarkKind.Waived, "bob", Noon.AddMinutes(minute), reason, null);
}
