using System.Text.Json.Nodes;

namespace Runway.Checklists.Checks;

/// <summary>
/// The outcome of an automated check: pass or fail, a one-line summary for people, and evidence for the ledger.
/// Evidence never holds secret values (variable values, tokens, matched text) — only names, counts and paths.
/// </summary>
public sealed record CheckResult(string CheckId, bool Passed, string Summary, JsonObject Evidence);
