using Prometheus;

namespace Runway.Sample.Metrics;

/// <summary>
/// The series the canary analysis reads: <c>http_requests_total{route,method,status}</c>,
/// <c>http_request_duration_seconds{route,method}</c> and <c>sample_release_info{release}</c>.
/// </summary>
internal sealed class HttpMetrics
{
    private static readonly double[] DurationBuckets = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5];

    private readonly Counter _requests;
    private readonly Histogram _duration;

    public HttpMetrics(IMetricFactory factory, string release)
    {
        _requests = factory.CreateCounter("http_requests_total", "HTTP requests by endpoint template, method and status code.",
            new CounterConfiguration { LabelNames = ["route", "method", "status"] });
        _duration = factory.CreateHistogram("http_request_duration_seconds", "HTTP request duration by endpoint template and method.",
            new HistogramConfiguration { LabelNames = ["route", "method"], Buckets = DurationBuckets });
        factory.CreateGauge("sample_release_info", "The release this process runs; always 1.",
            new GaugeConfiguration { LabelNames = ["release"] }).WithLabels(release).Set(1);
    }

    public void Record(string route, string method, int status, TimeSpan elapsed)
    {
        _requests.WithLabels(route, method, status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _duration.WithLabels(route, method).Observe(elapsed.TotalSeconds);
    }
}
