namespace Runway.Service;

/// <summary>
/// How to read the service's metrics, by the metric source the profile chooses: <c>scrape</c> reads each instance's
/// Prometheus text endpoint, <c>prometheus</c> runs PromQL against the team's server.
/// </summary>
/// <param name="Requests">Answered requests, and which of them are errors.</param>
/// <param name="Latency">The request-duration histogram.</param>
/// <param name="ScrapePath">The path each instance serves its metrics on (scrape source).</param>
public sealed record MetricsContract(RequestsMetric Requests, LatencyMetric Latency, string ScrapePath = "/metrics");

/// <summary>The counter of answered requests.</summary>
/// <param name="Scrape">Its series and labels on an instance's metrics endpoint.</param>
/// <param name="Prometheus">A PromQL query for it: counts per status over the window.</param>
/// <param name="ErrorStatusAtLeast">An answer with this status or above counts as an error (default 500).</param>
public sealed record RequestsMetric(ScrapedCounter? Scrape, PrometheusQuery? Prometheus, int ErrorStatusAtLeast = 500)
{
    /// <summary>True when an answer with <paramref name="status"/> counts as an error.</summary>
    public bool IsError(string? status) =>
        int.TryParse(status, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var code) && code >= ErrorStatusAtLeast;
}

/// <summary>The request-duration histogram (in seconds).</summary>
/// <param name="Scrape">Its bucket series and labels on an instance's metrics endpoint.</param>
/// <param name="Prometheus">A PromQL query for it: counts per <c>le</c> over the window.</param>
public sealed record LatencyMetric(ScrapedHistogram? Scrape, PrometheusQuery? Prometheus);

/// <summary>A counter as an instance exposes it.</summary>
/// <param name="Series">The series name, e.g. <c>http_requests_total</c>.</param>
/// <param name="StatusLabel">The label holding the HTTP status, e.g. <c>status</c> or <c>status_code</c>.</param>
/// <param name="RouteLabel">The label holding the route, when only some routes count; null: every series counts.</param>
/// <param name="RoutePrefix">Only routes starting with this count; null: every route.</param>
public sealed record ScrapedCounter(string Series, string StatusLabel, string? RouteLabel = null, string? RoutePrefix = null);

/// <summary>A histogram's bucket series as an instance exposes it.</summary>
/// <param name="Series">The bucket series name, e.g. <c>http_request_duration_seconds_bucket</c>.</param>
/// <param name="RouteLabel">The label holding the route, when only some routes count; null: every series counts.</param>
/// <param name="RoutePrefix">Only routes starting with this count; null: every route.</param>
public sealed record ScrapedHistogram(string Series, string? RouteLabel = null, string? RoutePrefix = null);

/// <summary>
/// A PromQL template. <c>{{release}}</c>, <c>{{environment}}</c> and <c>{{window}}</c> (e.g. <c>45s</c>) are filled in
/// before it runs; the answer is a vector grouped by <see cref="GroupLabel"/> (the status for requests, <c>le</c> for latency).
/// </summary>
/// <param name="Query">The template.</param>
/// <param name="GroupLabel">The label each answered sample is told apart by.</param>
public sealed record PrometheusQuery(string Query, string GroupLabel)
{
    /// <summary>The query for one release's pool over <paramref name="window"/>.</summary>
    public string For(string release, string environment, TimeSpan window) => Query
        .Replace("{{release}}", release, StringComparison.Ordinal)
        .Replace("{{environment}}", environment, StringComparison.Ordinal)
        .Replace("{{window}}", $"{Math.Max(1, (int)Math.Ceiling(window.TotalSeconds))}s", StringComparison.Ordinal);
}
