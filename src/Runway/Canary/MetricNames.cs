namespace Runway.Canary;

/// <summary>The series names of the service metrics contract that canary analysis and smoke tests rely on.</summary>
public static class MetricNames
{
    /// <summary>Counter of answered requests, labelled route, method, status.</summary>
    public const string Requests = "http_requests_total";

    /// <summary>Histogram of request durations in seconds, labelled route, method.</summary>
    public const string Duration = "http_request_duration_seconds";

    /// <summary>The bucket series of <see cref="Duration"/>.</summary>
    public const string DurationBucket = Duration + "_bucket";

    /// <summary>Gauge set to 1, labelled release.</summary>
    public const string ReleaseInfo = "sample_release_info";
}
