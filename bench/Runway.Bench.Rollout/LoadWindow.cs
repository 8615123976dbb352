using Runway.Load;

namespace Runway.Bench.Rollout;

/// <summary>What the steady load saw between two snapshots: one scenario step.</summary>
internal sealed record LoadWindow(long Requests, long Failures, long NoAnswer, long RateLimited, IReadOnlyDictionary<string, long> FailuresByRelease, double Seconds)
{
    /// <summary>The difference <paramref name="after"/> minus <paramref name="before"/>.</summary>
    public static LoadWindow Between(LoadSnapshot before, LoadSnapshot after) => new(
        after.Requests - before.Requests,
        after.Failures - before.Failures,
        after.NoAnswer - before.NoAnswer,
        after.ByStatus.GetValueOrDefault(429) - before.ByStatus.GetValueOrDefault(429),
        after.FailuresByRelease
            .Select(f => KeyValuePair.Create(f.Key, f.Value - before.FailuresByRelease.GetValueOrDefault(f.Key)))
            .Where(f => f.Value > 0).ToDictionary(),
        (after.Elapsed - before.Elapsed).TotalSeconds);

    public string Describe() =>
        $"{Failures} failed of {Requests} ({NoAnswer} unanswered, {Failures - NoAnswer} 5xx{ByRelease()}); {RateLimited} × 429";

    private string ByRelease() =>
        FailuresByRelease.Count == 0 ? "" : ": " + string.Join(", ", FailuresByRelease.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}"));
}
