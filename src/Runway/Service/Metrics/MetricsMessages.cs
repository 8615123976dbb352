namespace Runway.Service.Metrics;

/// <summary>The words of a blind-metrics stop: what was seen, what was expected, what the source has, and the fix.</summary>
internal static class MetricsMessages
{
    public static string Blind(string problem, MetricSource metrics, string has) =>
        $"The metrics do not see the traffic, so the canary cannot be judged: {problem}. " +
        $"Expected: {metrics.Expected}. The {metrics.Name} source has: {has}. " +
        "Fix: make metrics.requests and metrics.latency in the service contract (deploy/service.json) name the series, labels and routes the service really exposes" +
        (metrics.Name == "prometheus" ? ", and make Prometheus scrape every pool instance with release and environment labels" : "") +
        "; then rerun.";
}
