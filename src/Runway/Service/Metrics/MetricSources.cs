using Runway.Canary;
using Runway.Canary.Prometheus;

namespace Runway.Service.Metrics;

/// <summary>Makes the metric source a profile names (<c>scrape</c> or <c>prometheus</c>) from the service contract.</summary>
public static class MetricSources
{
    /// <summary>The names a profile may give.</summary>
    public static IReadOnlyList<string> Names { get; } = ["scrape", "prometheus"];

    /// <summary>A fresh source (each bake gets its own: the Prometheus window starts at its first read).</summary>
    /// <exception cref="ServiceContractException">The name is unknown, or the contract or settings lack what it needs.</exception>
    public static MetricSource Create(ServiceSettings settings, ServiceContract contract, string environment, HttpClient http, TimeProvider time) =>
        settings.MetricsSource switch
        {
            "scrape" when !settings.InstancesReachable => throw new ServiceContractException(
                "--metrics-source scrape reads each instance's metrics, but --instances-reachable is false: use --metrics-source prometheus, or make the instances reachable (InstancesReachable in the profile)."),
            "scrape" => Scrape(contract.Metrics, http, time),
            "prometheus" => Prometheus(settings, contract.Metrics, environment, http, time),
            var other => throw new ServiceContractException(
                $"--metrics-source is '{other}'; use one of {string.Join(", ", Names)} (set MetricsSource in the profile)."),
        };

    /// <summary>The contract's scrape series as a source.</summary>
    /// <exception cref="ServiceContractException">The contract declares no scrape series.</exception>
    public static MetricSource Scrape(MetricsContract metrics, HttpClient http, TimeProvider time)
    {
        var options = ScrapeOptions(metrics);
        var expected = $"{options.RequestsSeries} (status label {options.StatusLabel}{Routes(options.RoutePrefix is null ? null : options.RouteLabel, options.RoutePrefix)}) " +
                       $"and {options.DurationBucketSeries} on each instance's {options.MetricsPath}";
        return new MetricSource("scrape", new ScrapeMetricsSource(http, time, options), expected, new ScrapedSeries(http, options.MetricsPath).DescribeAsync, () => null);
    }

    /// <summary>
    /// The one place the contract maps to the scrape source's options. The route filter is the requests counter's
    /// (the histogram's when the counter names none): one filter for both, so both count the same requests.
    /// </summary>
    public static ScrapeMetricsOptions ScrapeOptions(MetricsContract metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var (requests, latency) = (metrics.Requests.Scrape, metrics.Latency.Scrape);
        if (requests is null || latency is null)
            throw new ServiceContractException("The service contract declares no scrape series (metrics.requests.scrape, metrics.latency.scrape); add them or choose --metrics-source prometheus.");
        var routeLabel = requests.RouteLabel ?? latency.RouteLabel;
        return new ScrapeMetricsOptions
        {
            RequestsSeries = requests.Series,
            StatusLabel = requests.StatusLabel,
            DurationBucketSeries = latency.Series,
            RouteLabel = routeLabel ?? "route",
            RoutePrefix = routeLabel is null ? null : requests.RoutePrefix ?? latency.RoutePrefix,
            ErrorStatusFrom = metrics.Requests.ErrorStatusAtLeast,
            MetricsPath = metrics.ScrapePath,
        };
    }

    private static MetricSource Prometheus(ServiceSettings settings, MetricsContract metrics, string environment, HttpClient http, TimeProvider time)
    {
        var server = settings.PrometheusUrl ?? throw new ServiceContractException(
            "--metrics-source prometheus needs --prometheus-url (e.g. http://prometheus:9090/); set PrometheusUrl in the profile.");
        var source = new PrometheusMetricsSource(new PrometheusClient(http, server, time), metrics, environment, time);
        return new MetricSource("prometheus", source, metrics.Requests.Prometheus!.Query, source.DescribeAsync, () => source.Client.Evidence());
    }

    private static string Routes(string? label, string? prefix) => label is null || prefix is null ? "" : $", only {label} starting with {prefix}";
}
