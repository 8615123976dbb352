using System.Text.Json.Nodes;

namespace Runway.GitHub;

public sealed partial class ReleaseGate
{
    private static readonly string[] GreenConclusions = ["success", "neutral", "skipped"];

    private async Task<GateCheck> CheckCommitStatusesAsync(string sha, ReleaseGateOptions options, CancellationToken cancellationToken)
    {
        var combined = await github.CallAsync("get combined status", c => c.Repository.Status.GetCombined(github.Owner, github.Name, sha), cancellationToken).ConfigureAwait(false);
        var runs = await github.CallAsync("list check runs", c => c.Check.Run.GetAllForReference(github.Owner, github.Name, sha), cancellationToken).ConfigureAwait(false);
        var observed = combined.Statuses.Select(s => new ObservedCheck(s.Context, "status", s.State.StringValue))
            .Concat(runs.CheckRuns
                .GroupBy(r => r.Name)
                .Select(g => g.MaxBy(r => r.Id)!) // a rerun supersedes earlier runs of the same name
                .Select(r => new ObservedCheck(r.Name, "check-run", r.Status.StringValue == "completed" ? r.Conclusion?.StringValue ?? "none" : r.Status.StringValue)))
            .ToList();
        var failing = observed.Where(o => !IsGreen(o.State) && !IsPending(o.State)).Select(o => o.Name).ToList();
        var pending = observed.Where(o => IsPending(o.State)).Select(o => o.Name).ToList();
        var missing = options.RequiredChecks.Where(r => observed.All(o => o.Name != r)).ToList();
        // A commit nothing has reported on is unverified, not green.
        var passed = observed.Count > 0 && failing.Count + pending.Count + missing.Count == 0;
        return new GateCheck(ReleaseGateResult.ChecksGreen, passed,
            DescribeStatuses(observed.Count, failing, pending, missing),
            StatusEvidence(sha, observed, failing, pending, missing));
    }

    private static bool IsGreen(string state) => GreenConclusions.Contains(state);

    private static bool IsPending(string state) => state is "pending" or "queued" or "in_progress" or "requested" or "waiting";

    private static string DescribeStatuses(int total, List<string> failing, List<string> pending, List<string> missing)
    {
        if (total == 0)
            return "no statuses or check runs reported on the release commit; wait for CI or check that it ran";
        if (failing.Count + pending.Count + missing.Count == 0)
            return $"all {total} statuses and check runs green";
        var parts = new List<string>();
        if (failing.Count > 0) parts.Add($"failing: {string.Join(", ", failing)}");
        if (pending.Count > 0) parts.Add($"pending: {string.Join(", ", pending)}");
        if (missing.Count > 0) parts.Add($"missing: {string.Join(", ", missing)}");
        return string.Join("; ", parts);
    }

    private static JsonObject StatusEvidence(string sha, List<ObservedCheck> observed, List<string> failing, List<string> pending, List<string> missing) => new()
    {
        ["commit"] = sha,
        ["checks"] = new JsonArray([.. observed.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["kind"] = o.Kind, ["state"] = o.State })]),
        ["failing"] = Names(failing),
        ["pending"] = Names(pending),
        ["missing"] = Names(missing),
    };

    private static JsonArray Names(List<string> names) => new([.. names.Select(n => (JsonNode)JsonValue.Create(n))]);

    private sealed record ObservedCheck(string Name, string Kind, string State);
}
