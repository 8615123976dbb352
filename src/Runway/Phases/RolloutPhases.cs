using System.Text.Json.Nodes;
using Runway.Ledger;

namespace Runway.Phases;

/// <summary>
/// Rollout50 and RolloutFull: half, then all traffic to the new release. The old pool is drained (weight 0) but kept
/// warm until Validation has proven the release, so a rollback during the deployment only flips traffic back.
/// </summary>
public sealed class RolloutPhases(LockedEnvironment environment)
{
    /// <summary>Rollout50's steps.</summary>
    public IReadOnlyList<DeploymentStep> Half(Deployment deployment) =>
    [
        new("rollout-50", token => ShiftAsync(deployment, 50, "rollout-50", token)),
    ];

    /// <summary>RolloutFull's steps.</summary>
    public IReadOnlyList<DeploymentStep> Full(Deployment deployment) =>
    [
        new("rollout-full", token => ShiftAsync(deployment, 100, "rollout-full", token)),
    ];

    /// <summary>The last step of a deployment, once the release is proven: the old pools go.</summary>
    public DeploymentStep RemovePrevious(Deployment deployment) => new("previous-pool-removed", token => RemovePreviousAsync(deployment, token));

    private async Task<StepOutcome> ShiftAsync(Deployment deployment, int weight, string check, CancellationToken cancellationToken)
    {
        var weights = new Dictionary<string, int> { [deployment.Release] = weight };
        if (deployment.PreviousRelease is { } previous && await RunsAsync(previous, cancellationToken).ConfigureAwait(false))
            weights[previous] = 100 - weight; // at 100% the previous pool stays at weight 0: drained, warm for a rollback
        else
            weights[deployment.Release] = 100;
        await environment.SetWeightsAsync(weights, cancellationToken).ConfigureAwait(false);
        return StepOutcome.Of(Evidence.Weights(weights), check);
    }

    private async Task<StepOutcome> RemovePreviousAsync(Deployment deployment, CancellationToken cancellationToken)
    {
        var snapshot = await environment.ReadAsync(cancellationToken).ConfigureAwait(false);
        var old = snapshot.Pools.Where(p => p.Release != deployment.Release).Select(p => p.Release).ToList();
        foreach (var release in old)
            await environment.RemovePoolAsync(release, cancellationToken).ConfigureAwait(false);
        return new StepOutcome(new JsonObject { ["removed"] = new JsonArray(old.Select(r => (JsonNode?)r).ToArray()) }, new Dictionary<string, JsonObject>());
    }

    private async Task<bool> RunsAsync(string release, CancellationToken cancellationToken) =>
        (await environment.ReadAsync(cancellationToken).ConfigureAwait(false)).Pool(release) is not null;
}
