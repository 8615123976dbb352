using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Runway.Canary;
using Runway.Tests.Smoke;

namespace Runway.Tests.Service;

/// <summary>How a Node-style stand-in behaves.</summary>
public sealed record NodeStyleOptions
{
    /// <summary>Every n-th request fails with 500 at this rate (deterministic).</summary>
    public double ErrorRate { get; init; }

    /// <summary>Added to every answer.</summary>
    public int ExtraLatencyMs { get; init; }

    /// <summary>The path label failed requests get; null: the request's path (as a well-behaved service would).</summary>
    public string? FailurePathLabel { get; init; }
}

/// <summary>
/// A real Kestrel server standing in for a small Node.js service unlike the sample: <c>POST|GET /v1/items</c>, no auth,
/// <c>X-Version</c> on answers, and prom-client style metrics: <c>http_request_duration_seconds</c> histogram labelled
/// <c>method</c>, <c>path</c>, <c>status_code</c> (no <c>http_requests_total</c>, no <c>route</c>, no <c>status</c>).
/// </summary>
public sealed class NodeStyleService : IAsyncDisposable
{
    private static readonly double[] Bounds = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5];
    private readonly ConcurrentDictionary<(string Method, string Path, int Status), long[]> _histograms = new();
    private readonly NodeStyleOptions _options;
    private LoopbackServer? _server;
    private long _served;

    private NodeStyleService(string release, NodeStyleOptions options)
    {
        Release = release;
        _options = options;
    }

    public string Release { get; }

    public Uri Url => _server!.Url;

    public CanaryPool Pool => new(Release, [Url]);

    public static async Task<NodeStyleService> StartAsync(string release, NodeStyleOptions? options = null)
    {
        var service = new NodeStyleService(release, options ?? new NodeStyleOptions());
        service._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapMethods("/v1/items", ["GET", "POST"], (Delegate)service.Answer);
            app.MapGet("/healthz", () => Results.Ok());
            // The sample's readiness path, which the production example's HAProxy checks.
            app.MapGet("/health/ready", () => Results.Ok());
            app.MapGet("/metrics", () => Results.Text(service.Render(), "text/plain; version=0.0.4"));
        });
        return service;
    }

    private async Task<IResult> Answer(HttpContext context)
    {
        if (_options.ExtraLatencyMs > 0) await Task.Delay(_options.ExtraLatencyMs);
        var n = Interlocked.Increment(ref _served);
        var fail = Math.Floor(n * _options.ErrorRate) > Math.Floor((n - 1) * _options.ErrorRate);
        var status = fail ? 500 : 200;
        Record(context.Request.Method, fail && _options.FailurePathLabel is { } label ? label : "/v1/items", status, 0.002);
        context.Response.Headers["X-Version"] = Release;
        return Results.StatusCode(status);
    }

    private void Record(string method, string path, int status, double seconds)
    {
        var buckets = _histograms.GetOrAdd((method, path, status), _ => new long[Bounds.Length + 1]);
        var index = Array.FindIndex(Bounds, bound => seconds <= bound);
        Interlocked.Increment(ref buckets[index < 0 ? Bounds.Length : index]);
    }

    private string Render()
    {
        var text = new StringBuilder("# TYPE http_request_duration_seconds histogram\n");
        foreach (var ((method, path, status), buckets) in _histograms)
        {
            long cumulative = 0;
            var labels = $"method=\"{method}\",path=\"{path}\",status_code=\"{status}\"";
            for (var k = 0; k <= Bounds.Length; k++)
            {
                cumulative += Interlocked.Read(ref buckets[k]);
                var le = k < Bounds.Length ? Bounds[k].ToString(CultureInfo.InvariantCulture) : "+Inf";
                text.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_bucket{{{labels},le=\"{le}\"}} {cumulative}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_sum{{{labels}}} {cumulative * 0.002}\n");
            text.Append(CultureInfo.InvariantCulture, $"http_request_duration_seconds_count{{{labels}}} {cumulative}\n");
        }

        return text.ToString();
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
