using Runway.Canary;
using Runway.Environments;
using Runway.Service;
using Runway.Service.Metrics;

namespace Runway.Phases;

/// <summary>
/// Sends the contract's request a few times to each instance of a fresh pool before its bake. A cold process (JIT,
/// tiered compilation, first connections) answers several times slower than the warm baseline, and the latency
/// comparison would fail a healthy release on its start-up alone. The same requests then prove, before the bake,
/// that the metric source sees the canary's traffic.
/// </summary>
/// <remarks>
/// When only the router reaches the instances (<see cref="InstancesReachable"/> false), a pool at weight 0 cannot be
/// warmed: it warms on its canary share instead, and every look of the bake still checks that the metrics see it.
/// </remarks>
public sealed class CanaryWarmUp(HttpClient http, ServiceContract contract, string? token, TimeProvider time)
{
    /// <summary>False when the instances can be reached only through the environment's URL: then nothing is sent.</summary>
    public bool InstancesReachable { get; init; } = true;

    /// <summary>Requests per instance: past the runtime's tier-up threshold (30 calls).</summary>
    public const int RequestsPerInstance = 40;

    // Paced under a typical per-client rate limit (30/s), so the warm-up meets the code path of a 200.
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(40);

    /// <summary>
    /// Warms every instance of <paramref name="pool"/> in parallel (answers, even errors, do not matter); with
    /// <paramref name="metrics"/>, then waits until they count the warm-up's requests and returns that evidence.
    /// </summary>
    /// <exception cref="MetricsBlindException">The metrics did not count the warm-up's requests.</exception>
    public async Task<System.Text.Json.Nodes.JsonObject?> RunAsync(PoolSnapshot pool, MetricSource? metrics, CancellationToken cancellationToken)
    {
        if (!InstancesReachable)
            return new System.Text.Json.Nodes.JsonObject
            {
                ["skipped"] = "the instances are reachable only through the environment's URL: the canary warms on its canary share, and every look checks the metrics see it",
            };
        if (metrics is null)
        {
            await WarmAsync(pool, cancellationToken).ConfigureAwait(false);
            return null;
        }

        return await new MetricsReachability(http, contract, token, time).ProveAsync(metrics, SmokeSteps.Canary(pool), token => WarmAsync(pool, token), cancellationToken)
            .ConfigureAwait(false);
    }

    private async Task<int> WarmAsync(PoolSnapshot pool, CancellationToken cancellationToken)
    {
        var answered = await Task.WhenAll(pool.Instances.Select(instance => WarmAsync(new Uri(instance.Url), cancellationToken))).ConfigureAwait(false);
        return answered.Sum();
    }

    private async Task<int> WarmAsync(Uri instance, CancellationToken cancellationToken)
    {
        var answered = 0;
        for (var i = 0; i < RequestsPerInstance; i++)
        {
            using var request = ServiceRequestMessage.Create(contract.Request, instance, token, i);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                answered++;
            }
            catch (Exception error) when (error is HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The bake's analysis judges the pool; the warm-up only spends requests.
            }
            await Task.Delay(Pause, time, cancellationToken).ConfigureAwait(false);
        }

        return answered;
    }
}
