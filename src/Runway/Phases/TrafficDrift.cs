using Runway.Environments;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// Traffic the ledger did not record. With no deployment under way, users reach only the live release (the last that
/// succeeded), with all of the traffic. A pool of another release that gets traffic is drift: a weight set by hand, a
/// pool Runway did not start, a failed canary whose rollback did not finish. <c>Status</c> says so, and a new
/// deployment refuses to start from it: its canary would be judged beside a split nobody recorded, and the first
/// weight change would drop traffic someone put there on purpose without a word.
/// </summary>
public static class TrafficDrift
{
    /// <summary>
    /// The release that should have all the traffic of <paramref name="environment"/> now: the last that succeeded, when
    /// no deployment is under way (one under way splits traffic on purpose); null otherwise.
    /// </summary>
    public static async Task<string?> ExpectedLiveAsync(DeploymentLedger deployments, string environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deployments);
        if (await deployments.GetActiveDeploymentAsync(environment, cancellationToken).ConfigureAwait(false) is not null) return null;
        return (await deployments.GetLastSucceededDeploymentAsync(environment, cancellationToken).ConfigureAwait(false))?.Release;
    }

    /// <summary>What differs from "<paramref name="live"/> at 100 %", or null when nothing does.</summary>
    public static string? Describe(EnvironmentSnapshot snapshot, string live)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var unmanaged = snapshot.Unmanaged.Select(p => p.Release).ToHashSet();
        var strays = snapshot.Routed.Where(p => p.Release != live && p.Weight > 0).ToList();
        if (strays.Count == 0) return null;
        var described = strays.Select(p => $"{p.Release} gets {p.Weight}%{(unmanaged.Contains(p.Release) ? " (a pool Runway did not start)" : "")}");
        return $"{string.Join(", ", described)}, where the ledger has {live} at 100%";
    }

    /// <summary>The refusal of a new deployment of <paramref name="release"/> over <paramref name="drift"/>.</summary>
    public static TrafficDriftException Refusal(string environment, string release, string live, string drift) => new(
        $"The traffic in {environment} differs from the ledger: {drift}. A deployment of {release} does not start from a split Runway did not set. " +
        $"Put the recorded traffic back with ./build.sh Deploy --version {live} (the live release deployed again sets its weights and drops pools Runway did not start), " +
        $"or take a half-done deployment back with ./build.sh Rollback; then deploy {release} again.");
}

/// <summary>A new deployment was refused because the environment's traffic differs from what the ledger recorded.</summary>
public sealed class TrafficDriftException(string message) : InvalidOperationException(message);
