using System.Net.Http.Headers;
using Runway.Environments;

namespace Runway.Phases;

/// <summary>
/// Sends a few paced requests to each instance of a fresh pool before its bake. A cold process (JIT, tiered
/// compilation, first connections) answers several times slower than the warm baseline, and the latency
/// comparison would fail a healthy release on its start-up alone.
/// </summary>
public sealed class CanaryWarmUp(HttpClient http, string? token, TimeProvider time)
{
    /// <summary>Requests per instance: past the runtime's tier-up threshold (30 calls).</summary>
    public const int RequestsPerInstance = 40;

    // Paced under the sample's per-client rate limit (30/s), so the warm-up meets the code path of a 200.
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(40);

    /// <summary>Warms every instance of <paramref name="pool"/> in parallel; answers, even errors, do not matter.</summary>
    public Task RunAsync(PoolSnapshot pool, CancellationToken cancellationToken) =>
        Task.WhenAll(pool.Instances.Select(instance => WarmAsync(new Uri(new Uri(instance.Url), "/api/orchestrations"), cancellationToken)));

    private async Task WarmAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (var i = 0; i < RequestsPerInstance; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is HttpRequestException || (error is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // The bake's analysis judges the pool; the warm-up only spends requests.
            }
            await Task.Delay(Pause, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
