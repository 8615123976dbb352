using System.Text.Json.Nodes;
using Runway.Canary;

namespace Runway.Service.Metrics;

/// <summary>
/// Proves the metric source sees a pool's traffic: sends the contract's request to each instance a known number of
/// times, then reads the pool's counts until they show that traffic (Prometheus needs a scrape or two) or the wait
/// runs out. Runs in Preparation (<c>metrics-reachable</c>) and right before a bake, on the warm-up's requests.
/// </summary>
public sealed class MetricsReachability(HttpClient http, ServiceContract contract, string? token, TimeProvider time)
{
    /// <summary>Requests sent in all, spread over the instances (at least five each).</summary>
    public const int Requests = 30;

    /// <summary>Where to send the requests when the instances cannot be reached one by one (the environment's URL); null: each instance.</summary>
    public Uri? Through { get; init; }

    /// <summary>How long the counts may take to show the requests (a few Prometheus scrape intervals).</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>
    /// Sends <see cref="Requests"/> spread over the instances (or lets <paramref name="send"/> do it and return how
    /// many were answered), then waits for <paramref name="metrics"/> to count them.
    /// </summary>
    /// <exception cref="MetricsBlindException">The metrics did not count the requests in time.</exception>
    public async Task<JsonObject> ProveAsync(MetricSource metrics, CanaryPool pool, Func<CancellationToken, Task<int>>? send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(pool);
        var window = new CounterWindow();
        window.Add(await metrics.Source.ReadAsync(pool, cancellationToken).ConfigureAwait(false));
        var answered = await (send ?? SendAsync(pool))(cancellationToken).ConfigureAwait(false);
        var waited = time.GetTimestamp();
        TrafficSeen seen;
        while (true)
        {
            window.Add(await metrics.Source.ReadAsync(pool, cancellationToken).ConfigureAwait(false));
            var counts = window.Totals();
            seen = new TrafficSeen(pool.Release, answered, 0, counts.Requests, counts.Errors);
            if (seen.Problem() is null || time.GetElapsedTime(waited) >= Wait) break;
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
            // A series born with the burst and first scraped after it has an increase() of 0 for good (Prometheus counts
            // from a series' first sample): while the counts lag, a little traffic goes on, as steady traffic would.
            answered += await SendAsync(pool, TrickleEach)(cancellationToken).ConfigureAwait(false);
        }

        var evidence = new JsonObject
        {
            ["metricsSource"] = metrics.Name, ["expected"] = metrics.Expected, ["instances"] = pool.Instances.Count,
            ["traffic"] = seen.ToEvidence(), ["waitedSeconds"] = Math.Round(time.GetElapsedTime(waited).TotalSeconds, 1), ["queries"] = metrics.Evidence(),
        };
        if (seen.Problem() is { } problem)
        {
            var has = await metrics.Describe(pool, cancellationToken).ConfigureAwait(false);
            evidence["sourceHas"] = has;
            throw new MetricsBlindException(MetricsMessages.Blind($"{problem} after {Wait.TotalSeconds:0} s", metrics, has), evidence);
        }

        return evidence;
    }

    // Requests per instance each second while the counts lag.
    private const int TrickleEach = 3;

    private Func<CancellationToken, Task<int>> SendAsync(CanaryPool pool, int? perInstance = null) => async cancellationToken =>
    {
        // Through the router the pool must be the one serving (staging, or the current pool before a canary).
        if (Through is { } url) return await SendToAsync(url, perInstance * pool.Instances.Count ?? Requests, cancellationToken).ConfigureAwait(false);
        var each = perInstance ?? Math.Max(5, (int)Math.Ceiling((double)Requests / pool.Instances.Count));
        var answers = await Task.WhenAll(pool.Instances.Select(instance => SendToAsync(instance, each, cancellationToken))).ConfigureAwait(false);
        return answers.Sum();
    };

    private async Task<int> SendToAsync(Uri target, int requests, CancellationToken cancellationToken)
    {
        var answered = 0;
        for (var run = 1; run <= requests; run++)
        {
            using var request = ServiceRequestMessage.Create(contract.Request, target, token, run);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                answered++;
            }
            catch (HttpRequestException)
            {
                // Unanswered requests are not counted as sent: the metrics could not have seen them.
            }
        }

        return answered;
    }
}
