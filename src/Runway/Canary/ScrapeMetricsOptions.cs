namespace Runway.Canary;

/// <summary>
/// Which series a <see cref="ScrapeMetricsSource"/> reads and how it tells an error: the service's metrics contract.
/// The defaults are the sample service's.
/// </summary>
public sealed record ScrapeMetricsOptions
{
    /// <summary>The counter of answered requests. Default <c>http_requests_total</c>.</summary>
    public string RequestsSeries { get; init; } = MetricNames.Requests;

    /// <summary>The label of <see cref="RequestsSeries"/> holding the HTTP status. Default <c>status</c>.</summary>
    public string StatusLabel { get; init; } = "status";

    /// <summary>The bucket series of the request-duration histogram, in seconds. Default <c>http_request_duration_seconds_bucket</c>.</summary>
    public string DurationBucketSeries { get; init; } = MetricNames.DurationBucket;

    /// <summary>The label holding the route. Default <c>route</c>.</summary>
    public string RouteLabel { get; init; } = "route";

    /// <summary>Only routes starting with this count (health checks and scrapes would dilute the error rate); null counts every route. Default <c>/api</c>.</summary>
    public string? RoutePrefix { get; init; } = "/api";

    /// <summary>The lowest status that counts as an error. Default 500.</summary>
    public int ErrorStatusFrom { get; init; } = 500;

    /// <summary>The path of the metrics endpoint on each instance. Default <c>/metrics</c>.</summary>
    public string MetricsPath { get; init; } = "/metrics";

    /// <summary>How many times a failed scrape is retried (backoff from 500 ms). Default 2.</summary>
    public int Retries { get; init; } = 2;
}
