using System.Text.Json.Nodes;

namespace Runway.GitHub;

/// <summary>One release-gate check: its checklist id, whether it passed, a one-line summary and the evidence.</summary>
/// <param name="Id">Checklist check id, e.g. <c>github-checks-green</c>.</param>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Summary">One line a person reads, naming what failed when it did.</param>
/// <param name="Evidence">What was observed, for the ledger.</param>
public sealed record GateCheck(string Id, bool Passed, string Summary, JsonObject Evidence);
