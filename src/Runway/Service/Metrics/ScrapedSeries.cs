using Runway.Canary;

namespace Runway.Service.Metrics;

/// <summary>What an instance's metrics endpoint serves: its series names, for the message when the counts miss the traffic.</summary>
public sealed class ScrapedSeries(HttpClient http, string metricsPath)
{
    /// <summary>The series names the pool's first instance serves (at most 20), or why none could be read.</summary>
    public async Task<string> DescribeAsync(CanaryPool pool, CancellationToken cancellationToken)
    {
        if (pool.Instances.Count == 0) return "no instances";
        var url = new Uri(pool.Instances[0], metricsPath);
        try
        {
            var names = PrometheusTextParser.Parse(await http.GetStringAsync(url, cancellationToken).ConfigureAwait(false))
                .Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).Take(20).ToList();
            return names.Count == 0 ? $"{url} serves no series" : $"{url} serves {string.Join(", ", names)}";
        }
        catch (Exception error) when (error is HttpRequestException or FormatException)
        {
            return $"{url} could not be read: {error.Message}";
        }
    }
}
