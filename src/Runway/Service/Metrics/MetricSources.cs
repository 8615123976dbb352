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
            "scrape" => Scrape(contract.Metrics, http, time),
            "prometheus" => Prometheus(settings, contract.Metrics, environment, http, time),
            var other => throw new ServiceContractException(
                $"--metrics-source is '{other}'; use one of {string.Join(", ", Names)} (set MetricsSource in the profile)."),
        };

    /// <summary>The contract's scrape series as a source: the one place the contract maps to scrape options.</summary>
    public static MetricSource Scrape(MetricsContract metrics, HttpClient http, TimeProvider time)
    {
        var source = new ContractScrapeSource(http, metrics, time);
        var requests = metrics.Requests.Scrape!;
        var expected = $"{requests.Series} (status label {requests.StatusLabel}{Routes(requests.RouteLabel, requests.RoutePrefix)}) on each instance's {metrics.ScrapePath}";
        return new MetricSource("scrape", source, expected, source.DescribeAsync, () => null);
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
