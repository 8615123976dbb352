namespace Runway.Canary;

/// <summary>
/// Where canary analysis reads a pool's cumulative counters: scraping the instances directly
/// (<see cref="ScrapeMetricsSource"/>) or, later, a query against a Prometheus server.
/// </summary>
public interface IMetricsSource
{
    /// <summary>Reads the pool's cumulative counters as of now.</summary>
    /// <exception cref="MetricsUnavailableException">The metrics could not be read; the message names the instance.</exception>
    Task<PoolCounters> ReadAsync(CanaryPool pool, CancellationToken cancellationToken);
}
