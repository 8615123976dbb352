using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Runway.Canary;
using Runway.Tests.Smoke;

namespace Runway.Tests.Canary;

/// <summary>
/// One instance of a release pool as the sample would run it: <c>/api/orchestrations</c> answering 500 for an exact
/// fraction of requests (every n-th, so tests are deterministic) after an optional delay, and <c>/metrics</c>.
/// </summary>
public sealed class StandInPool : IAsyncDisposable
{
    private readonly LoopbackServer _server;

    private StandInPool(LoopbackServer server, string release)
    {
        _server = server;
        Release = release;
    }

    public string Release { get; }

    public Uri Url => _server.Url;

    public CanaryPool Pool => new(Release, [Url]);

    public static async Task<StandInPool> StartAsync(string release, double errorRate = 0, int extraLatencyMs = 0)
    {
        var metrics = new ContractMetrics(release);
        long served = 0;
        var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/api/orchestrations", async () =>
            {
                var started = Stopwatch.GetTimestamp();
                var n = Interlocked.Increment(ref served);
                if (extraLatencyMs > 0)
                {
                    await Task.Delay(extraLatencyMs);
                }

                var fail = Math.Floor(n * errorRate) > Math.Floor((n - 1) * errorRate);
                var status = fail ? 500 : 200;
                metrics.Record("/api/orchestrations", "GET", status, Stopwatch.GetElapsedTime(started).TotalSeconds);
                return Results.StatusCode(status);
            });
            app.MapGet("/health/live", () =>
            {
                metrics.Record("/health/live", "GET", 503, 0.001);
                return Results.StatusCode(503);
            });
            app.MapGet("/metrics", () => Results.Text(metrics.Render(), "text/plain; version=0.0.4"));
        });
        return new StandInPool(server, release);
    }

    /// <summary>Sends <paramref name="count"/> requests, <paramref name="parallel"/> at a time.</summary>
    public async Task SendAsync(HttpClient http, int count, int parallel = 8, string path = "/api/orchestrations")
    {
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (_, ct) =>
        {
            using var response = await http.GetAsync(new Uri(Url, path), ct);
        });
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
