namespace Runway.Checklists;

/// <summary>The automated check ids that phases prove and checklists bind items to.</summary>
public static class CheckIds
{
    /// <summary>Every known check id, in the order the brief lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        "git-clean", "release-identified", "config-present", "env-vars-set", "tool-versions",
        "backup-verified", "restore-drill-recent", "staging-deployed", "staging-migrated", "staging-smoke",
        "metrics-reachable", "canary-deployed", "canary-analysis-passed", "rollout-50", "rollout-full",
        "migrations-applied", "smoke-passed", "auth-required", "rate-limit-429", "metrics-series",
        "load-10-concurrent", "no-committed-secrets", "logs-secret-free", "github-checks-green",
        "release-tagged", "release-notes-drafted", "no-blocking-prs", "rollback-plan",
    ];

    /// <summary>True when <paramref name="id"/> is a known check id (exact, lower-case).</summary>
    public static bool IsKnown(string id) => All.Contains(id, StringComparer.Ordinal);
}
