using System.Text.Json.Nodes;

namespace Runway.GitHub;

public sealed partial class ReleaseGate
{
    private static readonly string[] GreenConclusions = ["success", "neutral", "skipped"];

    private async Task<GateCheck> CheckCommitStatusesAsync(string sha, ReleaseGateOptions options, CancellationToken cancellationToken)
    {
        var (statuses, combined) = await github.CallAsync("get combined status", c => GitHubRest.GetAllAsync(c, $"repos/{github.Owner}/{github.Name}/commits/{sha}/status",
            new Dictionary<string, string>(), page => page["statuses"]!.AsArray(), page => page["total_count"]?.GetValue<int>()), cancellationToken).ConfigureAwait(false);
        var (runs, _) = await github.CallAsync("list check runs", c => GitHubRest.GetAllAsync(c, $"repos/{github.Owner}/{github.Name}/commits/{sha}/check-runs",
            new Dictionary<string, string> { ["filter"] = "latest" }, page => page["check_runs"]!.AsArray(), page => page["total_count"]?.GetValue<int>()), cancellationToken).ConfigureAwait(false);
        var observed = statuses.Select(s => new ObservedCheck(GitHubRest.Text(s["context"]) ?? "(unnamed status)", "status", GitHubRest.Text(s["state"]) ?? "none"))
            .Concat(runs
                .GroupBy(r => GitHubRest.Text(r["name"]) ?? "(unnamed check run)")
                .Select(g => g.MaxBy(r => r["id"]?.GetValue<long>() ?? 0)!) // a rerun supersedes earlier runs of the same name
                .Select(r => new ObservedCheck(GitHubRest.Text(r["name"]) ?? "(unnamed check run)", "check-run", RunState(r))))
            .ToList();
        var failing = observed.Where(o => !IsGreen(o.State) && !IsPending(o.State)).Select(o => o.Name).ToList();
        // GitHub's combined state covers every status, also any this read could not see; it fails the gate on its own.
        var combinedState = GitHubRest.Text(combined?["state"]);
        if (combinedState is "failure" or "error" && failing.Count == 0)
            failing.Add($"combined status ({combinedState})");
        var pending = observed.Where(o => IsPending(o.State)).Select(o => o.Name).ToList();
        var missing = options.RequiredChecks.Where(r => observed.All(o => o.Name != r)).ToList();
        // A commit nothing has reported on is unverified, not green.
        var passed = observed.Count > 0 && failing.Count + pending.Count + missing.Count == 0;
        return new GateCheck(ReleaseGateResult.ChecksGreen, passed,
            DescribeStatuses(observed.Count, failing, pending, missing),
            StatusEvidence(sha, combinedState, observed, failing, pending, missing));
    }

    private static string RunState(JsonNode run) =>
        GitHubRest.Text(run["status"]) is "completed" ? GitHubRest.Text(run["conclusion"]) ?? "none" : GitHubRest.Text(run["status"]) ?? "none";

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

    private static JsonObject StatusEvidence(string sha, string? combinedState, List<ObservedCheck> observed, List<string> failing, List<string> pending, List<string> missing) => new()
    {
        ["commit"] = sha,
        ["combinedState"] = combinedState,
        ["checks"] = new JsonArray([.. observed.Select(o => (JsonNode)new JsonObject { ["name"] = o.Name, ["kind"] = o.Kind, ["state"] = o.State })]),
        ["failing"] = Names(failing),
        ["pending"] = Names(pending),
        ["missing"] = Names(missing),
    };

    private static JsonArray Names(List<string> names) => new([.. names.Select(n => (JsonNode)JsonValue.Create(n))]);

    private sealed record ObservedCheck(string Name, string Kind, string State);
}
