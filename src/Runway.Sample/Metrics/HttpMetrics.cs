using Prometheus;

namespace Runway.Sample.Metrics;

/// <summary>
/// The series the canary analysis reads. By default <c>http_requests_total{route,method,status}</c>,
/// <c>http_request_duration_seconds{route,method}</c> and <c>sample_release_info{release}</c>; with
/// <c>Sample__MetricsStyle=node</c> the names a Node.js service with prom-client exposes instead: only
/// <c>http_request_duration_seconds{method,path,status_code}</c> (requests are its <c>_count</c>), so the production
/// example can show a service whose metrics are not the sample's.
/// </summary>
internal sealed class HttpMetrics
{
    private static readonly double[] DurationBuckets = [.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5];

    private readonly Counter? _requests;
    private readonly Histogram _duration;
    private readonly bool _node;

    public HttpMetrics(IMetricFactory factory, string release, string style = "runway")
    {
        _node = style == "node";
        _requests = _node ? null : factory.CreateCounter("http_requests_total", "HTTP requests by endpoint template, method and status code.",
            new CounterConfiguration { LabelNames = ["route", "method", "status"] });
        _duration = factory.CreateHistogram("http_request_duration_seconds", _node ? "HTTP request duration by method, path and status code." : "HTTP request duration by endpoint template and method.",
            new HistogramConfiguration { LabelNames = _node ? ["method", "path", "status_code"] : ["route", "method"], Buckets = DurationBuckets });
        factory.CreateGauge("sample_release_info", "The release this process runs; always 1.",
            new GaugeConfiguration { LabelNames = ["release"] }).WithLabels(release).Set(1);
    }

    public void Record(string route, string method, int status, TimeSpan elapsed)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (_node)
        {
            _duration.WithLabels(method, route, code).Observe(elapsed.TotalSeconds);
            return;
        }

        _requests!.WithLabels(route, method, code).Inc();
        _duration.WithLabels(route, method).Observe(elapsed.TotalSeconds);
    }
}
